import type { ChildProcess } from "node:child_process";

/** Restart policy for the embedded PostgreSQL; exported so tests and docs can name the numbers. */
export const RESTART_POLICY = {
  firstDelayMs: 250,
  maxDelayMs: 8_000,
  /** Failed restarts in a row (crashes or starts that never got ready) before giving up. */
  maxAttempts: 6,
  /** A server that stayed up this long is healthy again: the count of failures starts over. */
  stableAfterMs: 60_000,
};

type Options = {
  first: ChildProcess;
  /** Starts the server again and resolves once it accepts connections. */
  launch(): Promise<ChildProcess>;
  log(line: string): void;
  onGiveUp(reason: string): void;
};

export type Supervisor = {
  current(): ChildProcess;
  stop(stopChild: (c: ChildProcess) => Promise<void>): Promise<void>;
};

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

/**
 * Watches the postmaster and starts it again, with exponential backoff, when it dies without
 * being asked to. PostgreSQL's crash recovery replays the WAL on the next start, so committed
 * data survives; the app's connection pool reconnects by itself once the port answers again.
 */
export function superviseChild(options: Options): Supervisor {
  const { launch, log } = options;
  let child = options.first;
  let startedAt = Date.now();
  let failures = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  const watch = (c: ChildProcess) =>
    c.once("exit", (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt >= RESTART_POLICY.stableAfterMs) failures = 0;
      failed(`PostgreSQL (pid ${c.pid}) ${describeExit(code, signal)}`);
    });

  function failed(what: string): void {
    failures += 1;
    if (failures > RESTART_POLICY.maxAttempts) {
      const reason = `${what}; giving up after ${RESTART_POLICY.maxAttempts} failed restarts in a row`;
      log(reason);
      options.onGiveUp(reason);
      return;
    }
    const delay = Math.min(RESTART_POLICY.firstDelayMs * 2 ** (failures - 1), RESTART_POLICY.maxDelayMs);
    log(`${what}; restarting it in ${delay} ms (attempt ${failures} of ${RESTART_POLICY.maxAttempts})`);
    timer = setTimeout(() => {
      restarting = restart().finally(() => {
        restarting = undefined;
      });
    }, delay);
  }

  async function restart(): Promise<void> {
    try {
      const next = await launch();
      child = next;
      startedAt = Date.now();
      if (stopping) return;
      watch(next);
      log(`PostgreSQL restarted (pid ${next.pid}) after crash recovery`);
    } catch (error) {
      if (!stopping) failed(`PostgreSQL did not start again (${(error as Error).message})`);
    }
  }

  watch(child);
  return {
    current: () => child,
    async stop(stopChild) {
      stopping = true;
      clearTimeout(timer);
      await restarting;
      await stopChild(child);
    },
  };
}
