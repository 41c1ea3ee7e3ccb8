import { readdirSync, readFileSync } from "node:fs";

// /proc/<pid>/stat counts CPU time in clock ticks; Linux exposes USER_HZ = 100 to user space.
const TICKS_PER_SECOND = 100;

function read(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function pids(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/**
 * The server process the harness spawned (`node --import tsx server/index.ts` with PORT=<port>
 * in its environment): the harness does not expose its child, so it is found in /proc.
 */
export function findServerPid(port: number): number {
  for (const pid of pids()) {
    const cmdline = read(`/proc/${pid}/cmdline`);
    if (!cmdline?.includes("server/index.ts")) continue;
    const environ = read(`/proc/${pid}/environ`)?.split("\0") ?? [];
    if (environ.includes(`PORT=${port}`)) return pid;
  }
  throw new Error(`no server/index.ts process with PORT=${port} in /proc`);
}

/** Resident set size of one process in KiB (VmRSS of /proc/<pid>/status). */
export function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(read(`/proc/${pid}/status`) ?? "");
  if (!match) throw new Error(`cannot read VmRSS of pid ${pid}`);
  return Number(match[1]);
}

// cpuSeconds: the process's own time; withReaped adds its exited children's (a PostgreSQL backend
// that ends moves its time into the postmaster's cutime, so sums over live processes stay monotonic).
type Stat = { pid: number; ppid: number; cpuSeconds: number; withReaped: number };

function stat(pid: number): Stat | undefined {
  const raw = read(`/proc/${pid}/stat`);
  if (!raw) return undefined;
  // The command name is in parentheses and may contain spaces: split after the last ')'.
  const close = raw.lastIndexOf(")");
  const fields = raw.slice(close + 2).split(" ");
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  const ppid = Number(fields[1]);
  const own = Number(fields[11]) + Number(fields[12]);
  const reaped = Number(fields[13]) + Number(fields[14]);
  return { pid, ppid, cpuSeconds: own / TICKS_PER_SECOND, withReaped: (own + reaped) / TICKS_PER_SECOND };
}

/** CPU seconds used so far by the server process and, separately, by its descendants (PostgreSQL). */
export function cpuTree(rootPid: number): { server: number; children: number } {
  const all = pids()
    .map(stat)
    .filter((s): s is Stat => s !== undefined);
  const byParent = new Map<number, Stat[]>();
  for (const s of all) byParent.set(s.ppid, [...(byParent.get(s.ppid) ?? []), s]);
  const root = all.find((s) => s.pid === rootPid);
  let children = 0;
  const stack = [...(byParent.get(rootPid) ?? [])];
  while (stack.length) {
    const s = stack.pop()!;
    children += s.withReaped;
    stack.push(...(byParent.get(s.pid) ?? []));
  }
  return { server: root?.cpuSeconds ?? 0, children };
}

/** CPU seconds all CPUs of the machine spent busy (not idle, not waiting for I/O) so far. */
export function machineBusySeconds(): number {
  const line = (read("/proc/stat") ?? "").split("\n")[0] ?? "";
  const [, ...ticks] = line.trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (total - idle) / TICKS_PER_SECOND;
}

/** CPU use between two samples as a percentage of one core. */
export class CpuMeter {
  private readonly start: { server: number; children: number; bench: number; machine: number; at: number };

  constructor(private readonly serverPid: number) {
    const tree = cpuTree(serverPid);
    const own = process.cpuUsage();
    this.start = {
      ...tree,
      bench: (own.user + own.system) / 1e6,
      machine: machineBusySeconds(),
      at: performance.now(),
    };
  }

  /**
   * Percent of one core for the server process, PostgreSQL, this bench process, and everything
   * else on the machine (other work there competes for the same cores and skews the results).
   */
  read(): { serverPct: number; postgresPct: number; benchPct: number; otherPct: number } {
    const tree = cpuTree(this.serverPid);
    const own = process.cpuUsage();
    const seconds = (performance.now() - this.start.at) / 1000;
    const pct = (used: number) => Math.round((used / seconds) * 1000) / 10;
    const server = tree.server - this.start.server;
    const postgres = tree.children - this.start.children;
    const bench = (own.user + own.system) / 1e6 - this.start.bench;
    const machine = machineBusySeconds() - this.start.machine;
    return {
      serverPct: pct(server),
      postgresPct: pct(postgres),
      benchPct: pct(bench),
      otherPct: Math.max(0, pct(machine - server - postgres - bench)),
    };
  }
}
