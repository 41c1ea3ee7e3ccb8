import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Config } from "../config/env.ts";
import { setAgentEndpoint } from "./agent-client.ts";

const ROOT = path.resolve(/* turbopackIgnore: true */ import.meta.dirname, "../..");
const AGENT_MAIN = path.join(ROOT, "moderation-agent", "main.ts");
const READY_LINE = /^moderation-agent listening on (http:\/\/\S+)$/;

/** How the child agent is restarted when it dies; exported so tests and docs can name the numbers. */
export const AGENT_RESTART_POLICY = {
  firstDelayMs: 500,
  maxDelayMs: 30_000,
  /** An agent that stayed up this long is healthy again: the backoff starts over. */
  stableAfterMs: 60_000,
  /** A start that has not printed its ready line by then is killed and tried again. */
  startTimeoutMs: 30_000,
  /** How often an agent at MODERATION_AGENT_URL is checked, to call onReady when it comes back. */
  healthEveryMs: 5_000,
};

// What the child may see of stu's environment: nothing secret (no AUTH_SECRET, no DATABASE_URL).
const PASSED_ENV = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "NODE_ENV", "NODE_EXTRA_CA_CERTS"];

export type ModerationAgent = {
  /** Where the agent answers now; null while the child is down or not yet started. */
  readonly url: string | null;
  stop(): Promise<void>;
};

type Options = {
  config: Config;
  log(line: string): void;
  /** Called each time the agent (re)becomes reachable: re-queue what waited for it. */
  onReady(): void;
};

/** The token stu and its child agent share, generated once into the agent's data directory. */
export function agentToken(agentDataDir: string): string {
  const file = path.join(/* turbopackIgnore: true */ agentDataDir, "token");
  mkdirSync(agentDataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * The moderation agent stu talks to. With MODERATION_AGENT_URL it only watches that agent's
 * health. Otherwise it runs moderation-agent/main.ts as a child on a free loopback port with its
 * data in STU_DATA_DIR/moderation-agent, restarts it with backoff when it dies, and the child exits
 * when stu does (it watches its stdin, a pipe from stu that closes even when stu is SIGKILLed).
 * Resolves once the agent answered or its first start failed; a failed start is retried anyway.
 */
export function startModerationAgent(options: Options): Promise<ModerationAgent> {
  const { agentUrl, agentToken: token } = options.config.moderation;
  if (agentUrl && token) return watchExternalAgent(options, agentUrl, token);
  return superviseChildAgent(options);
}

function safely(options: Options, what: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    options.log(`moderation agent: ${what} failed: ${(error as Error).message}`);
  }
}

async function watchExternalAgent(options: Options, url: string, token: string): Promise<ModerationAgent> {
  setAgentEndpoint({ url, token });
  let up = false;
  const check = async () => {
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(3_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && !up) {
      options.log(`moderation agent at ${url} is reachable`);
      safely(options, "onReady", options.onReady);
    }
    if (!ok && up) options.log(`moderation agent at ${url} is not reachable`);
    up = ok;
  };
  await check();
  if (!up) options.log(`moderation agent at ${url} is not reachable yet; reports wait for it`);
  const timer = setInterval(() => void check(), AGENT_RESTART_POLICY.healthEveryMs);
  timer.unref();
  return {
    url,
    async stop() {
      clearInterval(timer);
      setAgentEndpoint(null);
    },
  };
}

function superviseChildAgent(options: Options): Promise<ModerationAgent> {
  const { log } = options;
  const dataDir = path.join(/* turbopackIgnore: true */ options.config.dataDir, "moderation-agent");
  const token = agentToken(dataDir);
  let child: ChildProcess | null = null;
  let url: string | null = null;
  let stopping = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let settle: (() => void) | undefined;
  const firstOutcome = new Promise<void>((resolve) => {
    settle = resolve;
  });

  const env: Record<string, string> = {};
  for (const name of PASSED_ENV) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    MODERATION_AGENT_HOST: "127.0.0.1",
    MODERATION_AGENT_PORT: "0",
    MODERATION_AGENT_TOKEN: token,
    MODERATION_AGENT_DATA_DIR: dataDir,
    MODERATION_AGENT_EXIT_WITH_STDIN: "1",
  });

  function launch(): void {
    const startedAt = Date.now();
    const c = spawn(process.execPath, ["--import", "tsx", AGENT_MAIN], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    child = c;
    // stu never writes to the pipe; a broken one (the child is gone) is reported by "exit".
    c.stdin?.on("error", () => {});
    const startTimer = setTimeout(() => {
      log(`moderation agent (pid ${c.pid}) did not start within ${AGENT_RESTART_POLICY.startTimeoutMs} ms`);
      c.kill("SIGKILL");
    }, AGENT_RESTART_POLICY.startTimeoutMs);

    createInterface({ input: c.stdout! }).on("line", (line) => {
      const ready = READY_LINE.exec(line);
      if (!ready) {
        log(`moderation agent: ${line.replace(/^\[moderation-agent\] /, "")}`);
        return;
      }
      clearTimeout(startTimer);
      url = ready[1]!;
      setAgentEndpoint({ url, token });
      log(`moderation agent ready on ${url} (pid ${c.pid})`);
      settle?.();
      safely(options, "onReady", options.onReady);
    });
    createInterface({ input: c.stderr! }).on("line", (line) => log(`moderation agent: ${line}`));

    c.once("error", (error) => log(`moderation agent could not be started: ${error.message}`));
    c.once("exit", (code, signal) => {
      clearTimeout(startTimer);
      url = null;
      setAgentEndpoint(null);
      settle?.();
      if (stopping) return;
      if (Date.now() - startedAt >= AGENT_RESTART_POLICY.stableAfterMs) failures = 0;
      failures += 1;
      const delay = Math.min(
        AGENT_RESTART_POLICY.firstDelayMs * 2 ** (failures - 1),
        AGENT_RESTART_POLICY.maxDelayMs,
      );
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      log(`moderation agent (pid ${c.pid}) ${how}; restarting it in ${delay} ms (restart ${failures})`);
      timer = setTimeout(launch, delay);
    });
  }

  launch();
  const agent: ModerationAgent = {
    get url() {
      return url;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      setAgentEndpoint(null);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
      c.kill("SIGTERM");
      const force = setTimeout(() => c.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(force);
    },
  };
  return firstOutcome.then(() => agent);
}
