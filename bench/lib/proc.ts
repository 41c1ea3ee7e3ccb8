import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

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

/** The PostgreSQL postmaster of a data directory (first line of its postmaster.pid). */
export function postmasterPid(pgDataDir: string): number {
  const pid = Number((read(`${pgDataDir}/postmaster.pid`) ?? "").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster.pid in ${pgDataDir}`);
  return pid;
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

/**
 * CPU seconds used so far by a system: its server process with its descendants, and its PostgreSQL
 * (the postmaster with every backend, also those that ended) — apart, even where PostgreSQL is a
 * child of the server (stu's embedded one).
 */
export function cpuOf(system: { server: number; postgres: number }): { server: number; postgres: number } {
  const all = pids()
    .map(stat)
    .filter((s): s is Stat => s !== undefined);
  const byParent = new Map<number, Stat[]>();
  for (const s of all) byParent.set(s.ppid, [...(byParent.get(s.ppid) ?? []), s]);
  const byPid = new Map(all.map((s) => [s.pid, s]));
  // A root counts its own time (its reaped children's time is counted under them while they
  // live, and stays in the root's cutime when they end); its descendants with their reaped ones.
  const tree = (root: number, skip: number): number => {
    let sum = byPid.get(root)?.cpuSeconds ?? 0;
    const stack = [...(byParent.get(root) ?? [])];
    while (stack.length) {
      const s = stack.pop()!;
      if (s.pid === skip) continue;
      sum += s.withReaped;
      stack.push(...(byParent.get(s.pid) ?? []));
    }
    return sum;
  };
  const postmaster = byPid.get(system.postgres);
  return {
    server: tree(system.server, system.postgres),
    postgres: tree(system.postgres, -1) + (postmaster ? postmaster.withReaped - postmaster.cpuSeconds : 0),
  };
}

/** CPU seconds used so far by a process and, apart, by all its descendants (with those that ended). */
export function cpuTree(rootPid: number): { server: number; children: number } {
  const all = pids()
    .map(stat)
    .filter((s): s is Stat => s !== undefined);
  const byParent = new Map<number, Stat[]>();
  for (const s of all) byParent.set(s.ppid, [...(byParent.get(s.ppid) ?? []), s]);
  let children = 0;
  const stack = [...(byParent.get(rootPid) ?? [])];
  while (stack.length) {
    const s = stack.pop()!;
    children += s.withReaped;
    stack.push(...(byParent.get(s.pid) ?? []));
  }
  return { server: all.find((s) => s.pid === rootPid)?.cpuSeconds ?? 0, children };
}

/** CPU seconds all CPUs of the machine spent busy (not idle, not waiting for I/O) so far. */
export function machineBusySeconds(): number {
  const line = (read("/proc/stat") ?? "").split("\n")[0] ?? "";
  const [, ...ticks] = line.trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (total - idle) / TICKS_PER_SECOND;
}

export type CpuUse = {
  serverPct: number;
  postgresPct: number;
  benchPct: number;
  otherPct: number;
  /** All of the machine's CPUs busy, in % of one core (2 cores = 200%). */
  machinePct: number;
  /** 1-minute load average at the end. */
  loadAverage: number;
  /** CPU milliseconds of server + PostgreSQL in the interval (divide by messages for a cost). */
  systemMs: number;
};

/** CPU use between two samples as a percentage of one core. */
export class CpuMeter {
  private readonly start: { server: number; postgres: number; bench: number; machine: number; at: number };

  constructor(private readonly pids: { server: number; postgres: number }) {
    const own = process.cpuUsage();
    this.start = {
      ...cpuOf(pids),
      bench: (own.user + own.system) / 1e6,
      machine: machineBusySeconds(),
      at: performance.now(),
    };
  }

  /**
   * Percent of one core for the server process, PostgreSQL, this bench process, and everything
   * else on the machine (other work there competes for the same cores and skews the results).
   */
  read(): CpuUse {
    const now = cpuOf(this.pids);
    const own = process.cpuUsage();
    const seconds = (performance.now() - this.start.at) / 1000;
    const pct = (used: number) => Math.round((used / seconds) * 1000) / 10;
    const server = now.server - this.start.server;
    const postgres = now.postgres - this.start.postgres;
    const bench = (own.user + own.system) / 1e6 - this.start.bench;
    const machine = machineBusySeconds() - this.start.machine;
    return {
      serverPct: pct(server),
      postgresPct: pct(postgres),
      benchPct: pct(bench),
      otherPct: Math.max(0, pct(machine - server - postgres - bench)),
      machinePct: pct(machine),
      loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
      systemMs: Math.round((server + postgres) * 1000),
    };
  }
}
