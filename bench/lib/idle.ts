import type { ProbeReport, ServerProbe } from "./probe.ts";
import { rssKiB } from "./proc.ts";
import type { BenchUser } from "./setup.ts";
import { BenchSocket, closeMany, openMany } from "./stu-client.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type IdleReading = {
  sockets: number;
  /** VmRSS before anything else touches the server. */
  rawRssKiB: number;
  /** VmRSS right after a full garbage collection. */
  rssKiB: number;
  heapUsedKiB: number;
  heapTotalKiB: number;
  externalKiB: number;
};

export type IdleResult = {
  sockets: number;
  users: number;
  openSeconds: number;
  before: IdleReading;
  after: IdleReading;
  afterClose: IdleReading;
  /**
   * The headline: (RSS with all sockets open − RSS once they are all closed again) / sockets, both
   * after a full GC. The baseline read before opening them is less reliable: shortly after start-up
   * the server hands back tens of MB it no longer uses, in the middle of the measurement.
   */
  perSocketKiB: number;
  /** (RSS after opening − RSS before), both after a full GC: what the brief asks, kept for reference. */
  perSocketBeforeAfterKiB: number;
  /** The same without the forced GC (noisier: garbage from setup comes and goes). */
  perSocketRawKiB: number;
  perSocketHeapKiB: number;
  /** Least-squares KiB per socket over the post-GC readings with sockets open (the marginal cost). */
  slopeKiB: number;
  readings: IdleReading[];
};

const kib = (bytes: number) => Math.round(bytes / 1024);
const r1 = (n: number) => Math.round(n * 10) / 10;

async function read(pid: number, probe: ServerProbe, sockets: number): Promise<IdleReading> {
  const rawRssKiB = rssKiB(pid);
  // Two full collections a moment apart: the first can leave work (finalizers, freed pages) behind.
  await probe.ask({ gc: true });
  await sleep(500);
  const report: ProbeReport = await probe.ask({ gc: true });
  await sleep(500);
  return {
    sockets,
    rawRssKiB,
    rssKiB: rssKiB(pid),
    heapUsedKiB: kib(report.memory.heapUsed),
    heapTotalKiB: kib(report.memory.heapTotal),
    externalKiB: kib(report.memory.external),
  };
}

function slope(points: Array<[number, number]>): number {
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den ? num / den : Number.NaN;
}

/**
 * Opens `count` authenticated sockets that then stay silent (the `ws` client still answers the
 * server's pings), in chunks, reading the server's memory before, after each chunk and after
 * closing them all. The sockets are spread over the users' sessions (one access token per user).
 */
export async function measureIdleSockets(options: {
  baseUrl: string;
  pid: number;
  probe: ServerProbe;
  users: BenchUser[];
  count: number;
  chunks?: number;
  track: Set<BenchSocket>;
}): Promise<IdleResult> {
  const { baseUrl, pid, probe, users, count, track } = options;
  const chunks = options.chunks ?? 5;
  // The baseline settles for a while after start-up and the logins: read it until it holds still.
  let before = await read(pid, probe, 0);
  for (let i = 0; i < 5; i++) {
    await sleep(2000);
    const again = await read(pid, probe, 0);
    const settled = Math.abs(again.rssKiB - before.rssKiB) < 1024;
    before = again;
    if (settled) break;
  }
  const readings = [before];
  const sockets: BenchSocket[] = [];
  let openSeconds = 0;
  for (let c = 0; c < chunks; c++) {
    const from = Math.floor((count * c) / chunks);
    const to = Math.floor((count * (c + 1)) / chunks);
    const slots = Array.from({ length: to - from }, (_, i) => users[(from + i) % users.length]!);
    const started = performance.now();
    const opened = await openMany(slots, (u) => BenchSocket.open(baseUrl, u.token, () => {}), 100);
    openSeconds += (performance.now() - started) / 1000;
    for (const s of opened) {
      sockets.push(s);
      track.add(s);
    }
    await sleep(c === chunks - 1 ? 5000 : 2000);
    readings.push(await read(pid, probe, sockets.length));
  }
  const after = readings.at(-1)!;
  await closeMany(sockets);
  for (const s of sockets) track.delete(s);
  await sleep(5000);
  const afterClose = await read(pid, probe, 0);
  return {
    sockets: count,
    users: Math.min(users.length, count),
    openSeconds: r1(openSeconds),
    before,
    after,
    afterClose,
    perSocketKiB: r1((after.rssKiB - afterClose.rssKiB) / count),
    perSocketBeforeAfterKiB: r1((after.rssKiB - before.rssKiB) / count),
    perSocketRawKiB: r1((after.rawRssKiB - before.rawRssKiB) / count),
    perSocketHeapKiB: r1((after.heapUsedKiB - before.heapUsedKiB) / count),
    slopeKiB: r1(slope(readings.filter((r) => r.sockets > 0).map((r) => [r.sockets, r.rssKiB]))),
    readings,
  };
}
