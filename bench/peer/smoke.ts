/**
 * npx tsx bench/peer/smoke.ts — checks the ejabberd peer end to end, small and bounded: starts
 * it (installing it if needed), sends 1,000 messages over 20 dialog pairs at 200 msg/s through the
 * BenchClient, and prints acknowledgements, deliveries and latencies. Not a measurement.
 *
 * SMOKE_TLS=1 runs it with STARTTLS on the c2s port (self-signed certificate, not verified).
 * SMOKE_REGISTER=register makes the accounts with one `ejabberdctl register` per user.
 * SMOKE_IDLE=<n> also measures ejabberd's memory per idle session with n sessions.
 * SMOKE_GROUPS=1 also sends 200 messages into one MUC room of 10 members.
 */
import pg from "pg";
import { partnerOf } from "../lib/client.ts";
import { cpuTree } from "../lib/proc.ts";
import { summarize } from "../lib/stats.ts";
import { startEjabberd } from "./ejabberd.ts";

const PAIRS = 20;
const MESSAGES = 1000;
const RATE = 200;
const TLS = process.env.SMOKE_TLS === "1";
const GROUPS = process.env.SMOKE_GROUPS === "1";
const GROUP_SIZE = 10;
const REGISTER = process.env.SMOKE_REGISTER === "register" ? "register" : "import_piefxis";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = performance.now();
const log = (line: string) =>
  console.log(`[peer ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);

type Pending = { due: number; ackAt?: number; deliveries: number[]; expected: number };

async function load(
  name: string,
  sends: Array<(id: string, text: string) => void>,
  expected: number,
  pending: Map<string, Pending>,
  count: number,
): Promise<void> {
  const t0 = performance.now() + 20;
  const interval = 1000 / RATE;
  let k = 0;
  while (k < count) {
    const now = performance.now();
    while (k < count && t0 + k * interval <= now) {
      const id = `${name}-${k}`;
      pending.set(id, { due: t0 + k * interval, deliveries: [], expected });
      sends[k % sends.length]!(id, `bench ${id} lorem ipsum dolor sit amet, consectetur adipiscing elit`);
      k += 1;
    }
    await sleep(1);
  }
  const deadline = performance.now() + 10_000;
  const done = () =>
    [...pending.entries()].every(
      ([id, p]) => !id.startsWith(`${name}-`) || (p.ackAt !== undefined && p.deliveries.length >= p.expected),
    );
  while (!done() && performance.now() < deadline) await sleep(20);
}

function report(name: string, pending: Map<string, Pending>, failed: Record<string, number>): void {
  const mine = [...pending.entries()].filter(([id]) => id.startsWith(`${name}-`)).map(([, p]) => p);
  const acked = mine.filter((p) => p.ackAt !== undefined);
  const ack = summarize(acked.map((p) => p.ackAt! - p.due));
  const deliver = summarize(mine.flatMap((p) => p.deliveries.map((at) => at - p.due)));
  // Past the first second (cold code paths, PostgreSQL connections warming up).
  const t0 = Math.min(...mine.map((p) => p.due));
  const later = summarize(
    mine.filter((p) => p.due >= t0 + 1000).flatMap((p) => p.deliveries.map((at) => at - p.due)),
  );
  const expected = mine.reduce((a, p) => a + p.expected, 0);
  const extra = mine.reduce((a, p) => a + Math.max(0, p.deliveries.length - p.expected), 0);
  log(
    `${name}: ${mine.length} sent, ${acked.length} acked (p50 ${ack.p50} / p99 ${ack.p99} ms), ` +
      `${deliver.count} of ${expected} deliveries (p50 ${deliver.p50} / p99 ${deliver.p99} / max ${deliver.max} ms; after the first second p99 ${later.p99} ms), ` +
      `${extra} duplicate, failed ${JSON.stringify(failed)}`,
  );
}

async function main(): Promise<void> {
  if (TLS) process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // the smoke's own self-signed certificate
  const users = Math.max(PAIRS * 2, GROUPS ? GROUP_SIZE : 0);
  const system = await startEjabberd({
    users,
    groupSize: GROUP_SIZE,
    groups: GROUPS ? 1 : 0,
    tls: TLS,
    registerWith: REGISTER,
    log,
  });
  const watchdog = setTimeout(() => {
    console.error("smoke: still running after 5 minutes; giving up");
    void system.stop().finally(() => process.exit(2));
  }, 5 * 60_000);
  try {
    const pending = new Map<string, Pending>();
    const failed: Record<string, number> = {};
    const clients = await system.clients({
      ack(id, at) {
        const p = pending.get(id);
        if (p && p.ackAt === undefined) p.ackAt = at;
      },
      deliver(id, at) {
        pending.get(id)?.deliveries.push(at);
      },
      fail(id, code) {
        failed[code] = (failed[code] ?? 0) + 1;
        pending.delete(id);
      },
    });
    log(`${clients.length} clients online (${system.version})`);

    const cpu0 = { ...cpuTree(system.pids.server), pg: cpuTree(system.pids.postgres), at: performance.now() };
    const commits0 = await system.commits!();
    const sends = clients
      .slice(0, PAIRS * 2)
      .map((c) => (id: string, text: string) => c.send(id, { user: partnerOf(c.index) }, text));
    await load("dialogs", sends, 1, pending, MESSAGES);
    const seconds = (performance.now() - cpu0.at) / 1000;
    const cpu1 = { ...cpuTree(system.pids.server), pg: cpuTree(system.pids.postgres) };
    // PostgreSQL publishes a busy backend's counters up to 10 s late: this figure lags (the rows do not).
    const commits = (await system.commits!()) - commits0;
    report("dialogs", pending, failed);
    const stored = await system.stored("dialogs-");
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    const rows = (
      await db.query<{ n: number }>("SELECT count(*)::int AS n FROM archive WHERE txt LIKE 'bench dialogs-%'")
    ).rows[0]!.n;
    await db.end();
    const pgCpu = cpu1.pg.server + cpu1.pg.children - (cpu0.pg.server + cpu0.pg.children);
    log(
      `stored ${stored} distinct messages in the archive (${rows} rows); ${commits} PostgreSQL commits (${(commits / MESSAGES).toFixed(2)} per message); ` +
        `CPU ejabberd ${(((cpu1.server - cpu0.server) / seconds) * 100).toFixed(0)}%, postgres ${((pgCpu / seconds) * 100).toFixed(0)}% of one core ` +
        `(${(((cpu1.server - cpu0.server + pgCpu) / MESSAGES) * 1000).toFixed(2)} ms per message)`,
    );

    if (GROUPS) {
      const members = clients.slice(0, GROUP_SIZE);
      await load(
        "group",
        members.map((c) => (id, text) => c.send(id, { group: 0 }, text)),
        GROUP_SIZE - 1,
        pending,
        200,
      );
      report("group", pending, failed);
      log(`stored ${await system.stored("group-")} distinct group messages`);
    }

    await Promise.all(clients.map((c) => c.close()));

    const idle = Number(process.env.SMOKE_IDLE ?? 0);
    if (idle > 0) {
      const memory = await system.idle(idle);
      log(
        `idle: server RSS ${memory.idleRssKiB} KiB; ${memory.perSocketKiB} KiB per session; ${JSON.stringify(memory.detail)}`,
      );
    }
  } finally {
    clearTimeout(watchdog);
    await system.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error("smoke failed:", error);
    process.exit(1);
  },
);
