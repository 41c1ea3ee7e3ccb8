import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The postmaster's pid, from the first line of postmaster.pid in a PostgreSQL data directory. */
export function postmasterPid(pgDir: string): number {
  return Number(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

export function isRunning(pid: number): boolean {
  try {
    // A zombie still answers kill(pid, 0); its state letter in /proc says it is gone.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Direct children of a process, read from /proc (the postmaster's backends and helpers). */
export function childPids(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the ")" that closes the command name: state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

/** Freezes a PostgreSQL (SIGSTOP to the postmaster and its children); the result thaws it. */
export function pausePostgres(pgDir: string): () => void {
  const pid = postmasterPid(pgDir);
  const pids = [pid, ...childPids(pid)];
  for (const p of pids) process.kill(p, "SIGSTOP");
  return () => {
    for (const p of pids) {
      try {
        process.kill(p, "SIGCONT");
      } catch {
        // Already gone.
      }
    }
  };
}

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}
