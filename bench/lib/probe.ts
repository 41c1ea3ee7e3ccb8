import { existsSync, readFileSync, writeFileSync } from "node:fs";

export type ProbeReport = {
  id: number;
  memory: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  gc: { count: number; totalMs: number; maxMs: number; over50ms: number };
  loop: { p50Ms: number; p99Ms: number; maxMs: number; meanMs: number };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Talks to bench/lib/server-probe.mjs inside the server process (request file + SIGUSR2). */
export class ServerProbe {
  private next = 1;

  private constructor(
    private readonly pid: number,
    private readonly file: string,
  ) {}

  /** The probe, once the server says it handles SIGUSR2 (never signalled before that). */
  static async attach(pid: number, file: string, timeoutMs = 5000): Promise<ServerProbe> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (existsSync(file)) {
        const hello = JSON.parse(readFileSync(file, "utf8")) as { id: string; pid: number };
        if (hello.id === "ready" && hello.pid === pid) return new ServerProbe(pid, file);
      }
      await sleep(50);
    }
    throw new Error(`the server probe did not start (no ${file} from pid ${pid})`);
  }

  /** GC pauses and event-loop delay since the last reset, and memory (after a full GC if asked). */
  async ask(options: { gc?: boolean; reset?: boolean } = {}): Promise<ProbeReport> {
    const id = this.next++;
    writeFileSync(`${this.file}.req`, JSON.stringify({ id, ...options }));
    process.kill(this.pid, "SIGUSR2");
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      await sleep(20);
      try {
        const report = JSON.parse(readFileSync(this.file, "utf8")) as ProbeReport;
        if (report.id === id) return report;
      } catch {
        // being written
      }
    }
    throw new Error("the server probe did not answer");
  }
}
