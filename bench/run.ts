/**
 * npm run bench — load test of a real stu server (production build, embedded PostgreSQL) on
 * 127.0.0.1. Bounded in messages and time (at most CONFIG.maxRunMinutes); writes
 * bench/results.json and the results block of docs/benchmarks.md, and prints the target table.
 *
 * `npm run bench -- --peer ejabberd` also starts ejabberd (bench/peer/ejabberd.ts) and runs it
 * alternately with stu, run by run, with the same load; the report shows both side by side.
 * BENCH_QUICK=1 runs a much smaller version (to check the harness, not to measure); it writes to
 * $TMPDIR/stu-bench-quick/ instead.
 * BENCH_CPU_PROFILE=<dir> also makes the stu server write a V8 CPU profile there (to find hot
 * spots; `npx tsx bench/lib/profile-top.ts <dir>/*.cpuprofile` prints its top functions).
 * `npm run bench -- --report-only` rewrites docs/benchmarks.md from bench/results.json.
 * `npm run bench -- --only search` runs just the search scenario (bench/lib/search-scenario.ts) and
 * writes bench/search-results.json; a full run includes it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ROOT } from "../test/support/app-server.ts";
import { type BenchClient, type BenchSystem, partnerOf } from "./lib/client.ts";
import { concurrentHistory, seedHistory, timeHistory } from "./lib/history.ts";
import { Phase, runFixedRate, type Sender, Tracker } from "./lib/load.ts";
import { CpuMeter, type CpuUse, machineBusySeconds, rssKiB } from "./lib/proc.ts";
import {
  type MeasuredPhase,
  markdownBlock,
  type Results,
  type Step,
  type SystemResults,
  targetsOf,
  targetTable,
  writeMarkdown,
} from "./lib/report.ts";
import { searchBlock } from "./lib/search.ts";
import { runSearchScenario } from "./lib/search-scenario.ts";
import { SKELETON } from "./lib/skeleton.ts";
import { closeMany } from "./lib/stu-client.ts";
import { type StuSystem, startStu } from "./lib/stu-system.ts";

const QUICK = process.env.BENCH_QUICK === "1";
const PEER = (() => {
  const i = process.argv.indexOf("--peer");
  return i >= 0 ? process.argv[i + 1] : undefined;
})();
const CONFIG = {
  // 200 dialog pairs; the same users also form 8 groups of 50. At the highest 1:1 step a user
  // sends 12.5 messages/s and acknowledges 12.5: 25 frames/s, under the server's 30/s per socket.
  users: QUICK ? 100 : 400,
  groupSize: 50,
  // 50 msg/s is a light-load reference; 200 and 1,000 are the rates the targets speak of.
  fixedRates: QUICK ? [50, 200] : [50, 200, 1000],
  settleMs: QUICK ? 1000 : 2000,
  warmupMs: QUICK ? 2000 : 5000,
  // Offered rates for the sustained-rate search, stepped up until one fails (each system alone).
  // Spread over 400 senders the highest is 12.5 msg/s per user, under the default per-user limit
  // (MESSAGE_RATE_LIMIT 20/s).
  steps: QUICK ? [100, 500] : [100, 200, 300, 500, 750, 1000, 1500, 2000, 2500, 3000, 4000, 5000],
  groupSteps: QUICK ? [50, 200] : [200, 500, 1000, 1500, 2000],
  stepDurationMs: QUICK ? 3000 : 10_000,
  stepP99LimitMs: 100,
  idleSockets: QUICK ? 500 : 5000,
  historyMessages: QUICK ? 200_000 : 10_000_000,
  historyChunk: QUICK ? 50_000 : 500_000,
  // Chunks inserted on this many connections at once (the machine has two cores).
  historyParallel: 2,
  historyRebuildIndexes: process.env.BENCH_HISTORY_KEEP_INDEXES !== "1",
  history: QUICK
    ? { warmup: 10, first: 20, before: 100, after: 20 }
    : { warmup: 100, first: 100, before: 1000, after: 200 },
  concurrentReaders: {
    readers: QUICK ? 50 : 200,
    durationMs: QUICK ? 3000 : 10_000,
    warmupMs: QUICK ? 1000 : 2000,
  },
  // Abort a fixed-rate run once this many seconds' worth of messages wait for their ACK.
  maxBacklogSeconds: 1,
  drainMs: 10_000,
  // Before each run, wait (at most this long) until the machine is quiet: the previous run's
  // system may still be working off what it was sent.
  quietMaxWaitMs: 15_000,
  quietBelowPct: 30,
  maxRunMinutes: PEER ? 35 : 20,
  search: {
    messages: QUICK ? 100_000 : 1_000_000,
    chats: 100,
    chunk: 250_000,
    warmup: QUICK ? 2 : 5,
    rounds: QUICK ? 10 : 50,
  },
};
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE;

// A quick run checks the harness: its numbers must not replace the real ones.
const OUT_DIR = QUICK ? path.join(os.tmpdir(), "stu-bench-quick") : undefined;
const RESULTS_FILE = OUT_DIR ? path.join(OUT_DIR, "results.json") : path.join(ROOT, "bench", "results.json");
const DOC_FILE = OUT_DIR ? path.join(OUT_DIR, "benchmarks.md") : path.join(ROOT, "docs", "benchmarks.md");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = performance.now();
const log = (line: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`);

function openFilesLimit(): number {
  const match = /^Max open files\s+(\S+)/m.exec(readFileSync("/proc/self/limits", "utf8"));
  return match?.[1] === "unlimited" ? Number.POSITIVE_INFINITY : Number(match?.[1] ?? 1024);
}

/** The commit measured, and which files outside bench/ and docs/ differed from it. */
function gitState(): { commit: string; changedFiles: string[] } {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trimEnd();
    // Porcelain lines are "XY path": keep the leading space of an unstaged change.
    const changedFiles = git("status", "--porcelain")
      .split("\n")
      .map((l) => l.slice(3))
      .filter((f) => f && !f.startsWith("bench/") && !f.startsWith("docs/"));
    return { commit: git("rev-parse", "--short", "HEAD"), changedFiles };
  } catch {
    return { commit: "unknown", changedFiles: [] };
  }
}

const problemLine = /error|exception|fail|warn|unhandled|terminat|ECONN|timeout|too many/i;

/** `npm run bench -- --report-only`: rewrites the page from bench/results.json without measuring. */
function reportOnly(): void {
  const results = JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as Results;
  if (!Array.isArray(results.systems))
    throw new Error(`${RESULTS_FILE} was written by an older bench (no "systems"): run npm run bench`);
  writeMarkdown(DOC_FILE, markdownBlock(results), SKELETON);
  console.log(`${targetTable(results.targets)}\n`);
}

/** Waits (bounded) until the whole machine uses less than `belowPct` % of one core. */
async function waitForQuiet(): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const before = machineBusySeconds();
    await sleep(500);
    const pct = ((machineBusySeconds() - before) / 0.5) * 100;
    const waited = performance.now() - t0;
    if (pct < CONFIG.quietBelowPct || waited >= CONFIG.quietMaxWaitMs) return Math.round(waited);
  }
}

/** A system under test with what the bench keeps for it. */
type Handle = {
  system: BenchSystem;
  /** Write transactions of the system's PostgreSQL so far (null: not known). */
  writeTransactions: () => Promise<number | null>;
  stu: StuSystem | null;
  tracker: Tracker;
  clients: BenchClient[];
  dialogSenders: Sender[];
  groupSenders: Sender[];
  result: SystemResults;
};

/** `npm run bench -- --only search`. */
async function searchOnly(): Promise<void> {
  const search = await runSearchScenario({ ...CONFIG.search, log });
  const file = OUT_DIR
    ? path.join(OUT_DIR, "search-results.json")
    : path.join(ROOT, "bench", "search-results.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), git: gitState(), config: CONFIG.search, search }, null, 2)}\n`,
  );
  log(`wrote ${file}`);
  console.log(`\n${searchBlock(search).join("\n")}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes("--report-only")) return reportOnly();
  const only = process.argv.indexOf("--only");
  if (only >= 0) {
    if (process.argv[only + 1] !== "search")
      throw new Error(`--only ${process.argv[only + 1]}: only "search" is known`);
    return searchOnly();
  }
  if (PEER !== undefined && PEER !== "ejabberd") throw new Error(`--peer ${PEER}: only "ejabberd" is known`);
  const limit = openFilesLimit();
  // The bench process holds every client socket: keep headroom for everything else.
  const idleSockets = Math.min(CONFIG.idleSockets, Math.max(0, limit - 2000 - 2 * CONFIG.users));
  if (idleSockets < CONFIG.idleSockets)
    log(`open files limit is ${limit}: measuring ${idleSockets} idle sockets, not ${CONFIG.idleSockets}`);
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    log("no production build: running npm run build");
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-bench-"));
  const probeDir = mkdtempSync(path.join(os.tmpdir(), "stu-bench-probe-"));
  const systems: BenchSystem[] = [];
  const counters: pg.Client[] = [];
  let cleaned = false;
  async function cleanup(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    for (const c of counters) await c.end().catch(() => {});
    await Promise.all(systems.map((s) => s.stop().catch((e) => console.error(`stopping ${s.name}:`, e))));
    for (const dir of [dataDir, probeDir]) rmSync(dir, { recursive: true, force: true });
  }
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${CONFIG.maxRunMinutes} minutes; giving up`);
    void cleanup().finally(() => process.exit(2));
  }, CONFIG.maxRunMinutes * 60_000);
  watchdog.unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));

  const notes: string[] = [];
  const busyBefore = machineBusySeconds();
  await sleep(2000);
  const otherAtStart = Math.round((machineBusySeconds() - busyBefore) * 50);
  if (otherAtStart > 25) {
    log(`warning: other processes use ${otherAtStart}% CPU right now; the results will be skewed`);
    notes.push(`other processes used ${otherAtStart}% CPU (of one core) when the run started`);
  }
  try {
    const groups = Math.floor(CONFIG.users / CONFIG.groupSize);
    log(
      `starting stu (production build, embedded PostgreSQL)${PEER ? ` and ${PEER} (bench/peer/${PEER}.ts)` : ""}: ${CONFIG.users} users, ${CONFIG.users / 2} dialogs, ${groups} groups of ${CONFIG.groupSize}`,
    );
    const startOne = async <T extends BenchSystem>(start: () => Promise<T>) => {
      const t0 = performance.now();
      const system = await start();
      systems.push(system);
      return { system, startSeconds: Math.round((performance.now() - t0) / 100) / 10 };
    };
    const [stuStart, peerStart] = await Promise.all([
      startOne(() =>
        startStu({
          users: CONFIG.users,
          groupSize: CONFIG.groupSize,
          dataDir,
          probeDir,
          log,
          cpuProfileDir: CPU_PROFILE_DIR,
        }),
      ),
      PEER
        ? startOne(async () => {
            // Loaded only when asked for: it installs and runs a Debian package.
            const peer = (await import(`./peer/${PEER}.ts`)) as {
              startEjabberd(options: {
                users: number;
                groups: number;
                groupSize: number;
                log: (line: string) => void;
              }): Promise<BenchSystem>;
            };
            return peer.startEjabberd({
              users: CONFIG.users,
              groups,
              groupSize: CONFIG.groupSize,
              log,
            });
          })
        : Promise.resolve(undefined),
    ]);
    const stu = stuStart.system;
    const handles: Handle[] = [];
    for (const started of [stuStart, peerStart]) {
      if (!started) continue;
      const { system } = started;
      let writeTransactions: Handle["writeTransactions"] = async () =>
        system.commits ? system.commits() : null;
      if (system.databaseUrl) {
        const db = new pg.Client({ connectionString: system.databaseUrl });
        // A lost connection fails the next reading with a clear error instead of ending the process.
        db.on("error", (error) =>
          log(`${system.name}: the bench's PostgreSQL connection failed: ${error.message}`),
        );
        await db.connect();
        counters.push(db);
        // pg_current_xact_id() takes a transaction id itself: the next reading is one higher.
        writeTransactions = async () =>
          Number((await db.query<{ n: string }>("SELECT pg_current_xact_id()::text AS n")).rows[0]!.n);
      }
      handles.push({
        system,
        writeTransactions,
        stu: system === stu ? stu : null,
        tracker: new Tracker(),
        clients: [],
        dialogSenders: [],
        groupSenders: [],
        result: {
          name: system.name,
          version: system.version ?? system.name,
          ackMeaning: system.ackMeaning,
          deliveryAckMeaning: system.deliveryAckMeaning,
          pids: system.pids,
          startSeconds: started.startSeconds,
          setup: {
            users: CONFIG.users,
            dialogs: CONFIG.users / 2,
            groups: system.groups ?? groups,
            groupSize: CONFIG.groupSize,
            ...(system === stu ? { loginSeconds: Math.round(stu.loginSeconds * 10) / 10 } : {}),
          },
          idle: null,
          idleCpuWithLoadClients: null,
          steps: [],
          groupSteps: [],
          fixedRate: [],
          sustained: { rate: null, delivered: null },
          groupSustained: { rate: null, delivered: null },
          rssKiB: { start: rssKiB(system.pids.server), end: 0 },
          strayEvents: 0,
          serverLogProblems: null,
        },
      });
    }
    log(handles.map((h) => `${h.system.name} ready in ${h.result.startSeconds} s`).join(", "));

    // 1. Memory per idle connection, on the fresh servers, one system after the other.
    if (idleSockets > 0)
      for (const h of handles) {
        log(`${h.system.name}: opening ${idleSockets} idle connections`);
        h.result.idle = await h.system.idle(idleSockets);
        log(
          `${h.system.name}: idle RSS ${h.result.idle.idleRssKiB} KiB, ${h.result.idle.perSocketKiB} KiB per idle connection`,
        );
      }

    // One client per user for the message load.
    for (const h of handles) {
      h.clients = await h.system.clients(h.tracker);
      if (h.clients.some((c, i) => c.index !== i))
        throw new Error(`${h.system.name}: clients out of user order`);
      // Both people of a dialog send; consecutive messages go to different dialogs (first the
      // first member of every pair, then the second), so that one chat is not hit back to back.
      const pairs = Math.floor(CONFIG.users / 2);
      h.dialogSenders = [0, 1].flatMap((side) =>
        Array.from({ length: pairs }, (_, p) => {
          const user = 2 * p + side;
          return { client: h.clients[user]!, target: { user: partnerOf(user) }, recipients: 1 };
        }),
      );
      // Every group member sends; consecutive messages go to different groups.
      const g = h.system.groups ?? groups;
      for (let m = 0; m < CONFIG.groupSize; m++)
        for (let group = 0; group < g; group++)
          h.groupSenders.push({
            client: h.clients[group * CONFIG.groupSize + m]!,
            target: { group },
            recipients: CONFIG.groupSize - 1,
          });
    }
    await sleep(2000); // presence announcements of the new connections
    for (const h of handles) {
      const meter = new CpuMeter(h.system.pids);
      await sleep(QUICK ? 2000 : 4000);
      h.result.idleCpuWithLoadClients = meter.read();
      const c = h.result.idleCpuWithLoadClients;
      log(
        `${h.system.name}: ${h.clients.length} load clients connected; idle CPU server ${c.serverPct}%, postgres ${c.postgresPct}%`,
      );
    }

    // A saturated server keeps working through what it was sent after a run ends: wait until it
    // has stored everything (or stops storing) so that the next run starts on an idle server.
    const quiesce = async (h: Handle, tag: string, expected: number): Promise<number> => {
      const count = () => h.system.stored(`${tag}-`);
      const deadline = performance.now() + 60_000;
      let last = await count();
      let stableSince = performance.now();
      while (last < expected && performance.now() < deadline && performance.now() - stableSince < 3000) {
        await sleep(500);
        const now = await count();
        if (now !== last) stableSince = performance.now();
        last = now;
      }
      if (last < expected)
        notes.push(`${h.system.name} ${tag}: only ${last} of ${expected} messages were stored in the end`);
      return last;
    };

    let phaseNo = 0;
    const diff = (a: Record<string, number>, b: Record<string, number>) => {
      const out: Record<string, number> = {};
      for (const [k, v] of Object.entries(b)) if (v - (a[k] ?? 0) !== 0) out[k] = v - (a[k] ?? 0);
      return out;
    };
    const measure = async (h: Handle, name: string, senders: Sender[], rate: number, durationMs: number) => {
      const tag = `p${++phaseNo}`;
      const quietWaitMs = await waitForQuiet();
      const probe = h.stu?.probe;
      await probe?.ask({ reset: true });
      const counters0 = h.system.counters?.() ?? {};
      const commits0 = await h.writeTransactions();
      const meter = new CpuMeter(h.system.pids);
      const phase = new Phase(name, tag, rate, durationMs + CONFIG.settleMs, CONFIG.settleMs);
      const result = await runFixedRate(h.tracker, phase, senders, {
        maxBacklogSeconds: CONFIG.maxBacklogSeconds,
        drainMs: CONFIG.drainMs,
      });
      const cpu: CpuUse = meter.read();
      // The reading itself takes a transaction id.
      const commits1 = commits0 === null ? null : ((await h.writeTransactions()) ?? 1) - 1;
      const inside = probe ? await probe.ask() : null;
      const stored = await quiesce(h, tag, result.sent - result.rejected);
      const measured: MeasuredPhase = {
        ...result,
        system: h.system.name,
        stored,
        cpu,
        commits: commits0 !== null && commits1 !== null ? commits1 - commits0 : null,
        counters: diff(counters0, h.system.counters?.() ?? {}),
        server: inside && {
          gcCount: inside.gc.count,
          gcTotalMs: inside.gc.totalMs,
          gcMaxMs: inside.gc.maxMs,
          loopDelayP99Ms: inside.loop.p99Ms,
          loopDelayMaxMs: inside.loop.maxMs,
          heapUsedMiB: Math.round(inside.memory.heapUsed / 2 ** 20),
        },
        quietWaitMs,
      };
      log(
        `${h.system.name} ${name}: sent ${measured.sent} (${measured.achievedSendRate}/s), stored ${measured.stored}, ` +
          `delivered ${measured.deliveredRate}/s, ACK p50/p99 ${measured.ackLatency.p50}/${measured.ackLatency.p99} ms, ` +
          `recipient p50/p99 ${measured.deliverLatency.p50}/${measured.deliverLatency.p99} ms ` +
          `(first ${CONFIG.settleMs / 1000} s: p99 ${measured.settleDeliverLatency.p99} ms), ` +
          `missing ${measured.missingDeliveries}, not ACKed ${measured.lostAcks}, refused ${measured.rejected}` +
          `${measured.duplicateDeliveries + measured.duplicateAcks ? `, DUPLICATES ${measured.duplicateDeliveries + measured.duplicateAcks}` : ""}` +
          `${measured.outOfOrder ? `, OUT OF ORDER ${measured.outOfOrder}` : ""}` +
          `${measured.aborted ? `, ABORTED (${measured.aborted})` : ""}; ` +
          `CPU server ${cpu.serverPct}% postgres ${cpu.postgresPct}% bench ${cpu.benchPct}% other ${cpu.otherPct}% ` +
          `(${(cpu.systemMs / Math.max(1, measured.sent)).toFixed(2)} ms/msg)` +
          `${measured.commits !== null ? `, ${(measured.commits / Math.max(1, measured.sent)).toFixed(2)} write transactions/msg` : ""}` +
          `${Object.keys(measured.counters).length ? ` ${JSON.stringify(measured.counters)}` : ""}` +
          `${inside ? `; GC max ${inside.gc.maxMs} ms, loop delay max ${inside.loop.maxMs} ms` : ""}`,
      );
      if (cpu.otherPct > 25)
        notes.push(
          `other processes on the machine used ${cpu.otherPct}% CPU (of one core) during ${h.system.name} "${name}": its numbers are skewed`,
        );
      await sleep(500);
      return measured;
    };
    const judge = (p: MeasuredPhase): Step => {
      const why: string[] = [];
      if (p.aborted) why.push("saturated");
      if (p.lostAcks + p.rejected > 0) why.push(`${p.lostAcks + p.rejected} not ACKed`);
      if (p.stored < p.sent - p.rejected) why.push(`${p.stored} of ${p.sent} stored`);
      if (p.missingDeliveries > 0) why.push(`${p.missingDeliveries} deliveries missing`);
      if (p.duplicateDeliveries + p.duplicateAcks > 0) why.push("duplicates");
      if (p.outOfOrder > 0) why.push("out of order");
      if (!(p.deliverLatency.p99 < CONFIG.stepP99LimitMs)) why.push(`p99 ${p.deliverLatency.p99} ms`);
      if (p.deliveredRate < p.offeredRate * 0.95) why.push(`only ${p.deliveredRate} msg/s delivered`);
      return { ...p, passed: why.length === 0, why: why.join(", ") };
    };
    /** Steps the rate up for each system until it fails, the systems taking turns run by run. */
    const stepUp = async (
      kind: "dialogs" | "groups",
      rates: number[],
      label: (rate: number) => string,
    ): Promise<void> => {
      const active = handles.filter(
        (h) => (kind === "dialogs" ? h.dialogSenders : h.groupSenders).length > 0,
      );
      for (const [i, rate] of rates.entries()) {
        // Who goes first alternates, so neither always runs right after the other's heavier run.
        const order = i % 2 === 0 ? active : [...active].reverse();
        for (const h of order) {
          const senders = kind === "dialogs" ? h.dialogSenders : h.groupSenders;
          const s = judge(await measure(h, label(rate), senders, rate, CONFIG.stepDurationMs));
          (kind === "dialogs" ? h.result.steps : h.result.groupSteps).push(s);
          const best = kind === "dialogs" ? h.result.sustained : h.result.groupSustained;
          if (s.passed) {
            best.rate = s.offeredRate;
            best.delivered = s.deliveredRate;
          } else active.splice(active.indexOf(h), 1);
        }
        if (!active.length) return;
      }
    };

    // 2. Sustained 1:1 rate: step the offered rate up until p99 send→recipient reaches the limit
    // or messages go missing.
    for (const h of handles)
      await measure(h, "warm-up dialogs (not recorded)", h.dialogSenders, 50, CONFIG.warmupMs);
    await stepUp("dialogs", CONFIG.steps, (rate) => `step: 1:1 dialogs @ ${rate} msg/s`);

    // 3. Latency at fixed rates, 1:1.
    for (const [i, rate] of CONFIG.fixedRates.entries())
      for (const h of i % 2 === 0 ? handles : [...handles].reverse())
        h.result.fixedRate.push(
          await measure(h, `1:1 dialogs @ ${rate} msg/s`, h.dialogSenders, rate, CONFIG.stepDurationMs),
        );

    // 4. Groups (send → each of the 49 other members), stepped up like the dialogs.
    for (const h of handles)
      if (h.groupSenders.length)
        await measure(h, "warm-up groups (not recorded)", h.groupSenders, 50, CONFIG.warmupMs);
    await stepUp(
      "groups",
      CONFIG.groupSteps,
      (rate) => `step: ${CONFIG.groupSize}-member groups @ ${rate} msg/s`,
    );

    for (const h of handles) {
      await closeMany(h.clients);
      h.result.strayEvents = h.tracker.stray;
      h.result.rssKiB.end = rssKiB(h.system.pids.server);
    }

    // 5. History of one chat with CONFIG.historyMessages messages (stu).
    log(
      `seeding ${CONFIG.historyMessages.toLocaleString("en-US")} messages into one chat (indexes ${CONFIG.historyRebuildIndexes ? "rebuilt after the insert" : "kept"})`,
    );
    const seeded = await seedHistory(stu.sql, [stu.users[0]!.id, stu.users[1]!.id], CONFIG.historyMessages, {
      chunk: CONFIG.historyChunk,
      rebuildIndexes: CONFIG.historyRebuildIndexes,
      parallel: CONFIG.historyParallel,
      connect: async () => {
        const c = new pg.Client({ connectionString: stu.databaseUrl });
        c.on("error", () => {});
        await c.connect();
        return c;
      },
      log,
    });
    log(
      `seeded in ${seeded.seedSeconds.toFixed(1)} s (rows ${seeded.insertSeconds.toFixed(1)} s, indexes ${seeded.indexSeconds.toFixed(1)} s, vacuum ${seeded.vacuumSeconds.toFixed(1)} s); timing history pages`,
    );
    const pages = await timeHistory(stu.url, stu.users[0]!.token, stu.sql, seeded, CONFIG.history);
    if (!pages.pageSizeOk) notes.push("some history pages did not hold 50 messages");
    log(
      `history: first page p50/p99 ${pages.firstPage.p50}/${pages.firstPage.p99} ms, before_id ${pages.beforeId.p50}/${pages.beforeId.p99} ms, after_id ${pages.afterId.p50}/${pages.afterId.p99} ms; the SELECT alone ${pages.sqlBeforeId.p50}/${pages.sqlBeforeId.p99} ms`,
    );
    const concurrent = await concurrentHistory({
      baseUrl: stu.url,
      tokens: [stu.users[0]!.token, stu.users[1]!.token],
      seeded,
      pids: stu.pids,
      ...CONFIG.concurrentReaders,
    });
    log(
      `history, ${concurrent.readers} concurrent readers: ${concurrent.requestsPerSecond} pages/s, p50/p99 ${concurrent.latency.p50}/${concurrent.latency.p99} ms, errors ${JSON.stringify(concurrent.errors)}`,
    );
    const history = { messages: CONFIG.historyMessages, ...seeded, ...pages, concurrent };

    // 6. Search over 1,000,000 messages, in a stu and database of its own.
    const search = await runSearchScenario({ ...CONFIG.search, log });

    const stuHandle = handles.find((h) => h.stu)!;
    const problems = stu.logs.filter(
      (l) => problemLine.test(l) && !/Worker connected and looking for jobs/.test(l),
    );
    stuHandle.result.serverLogProblems = { count: problems.length, samples: problems.slice(0, 20) };
    const results: Results = {
      date: new Date().toISOString(),
      durationSeconds: Math.round((performance.now() - started) / 1000),
      environment: {
        node: process.version,
        platform: `${os.platform()} ${os.release()} ${os.arch()}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
        memoryMiB: Math.round(os.totalmem() / 2 ** 20),
        openFilesLimit: limit,
      },
      config: { ...CONFIG, quick: QUICK, peer: PEER ?? null, idleSockets },
      otherProcessesCpuPctAtStart: otherAtStart,
      git: gitState(),
      systems: handles.map((h) => h.result),
      history,
      search,
      targets: [],
      notes,
    };
    results.targets = targetsOf(results);
    mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    writeMarkdown(DOC_FILE, markdownBlock(results), SKELETON);
    log(`wrote ${RESULTS_FILE} and ${DOC_FILE}`);
    console.log(`\n${targetTable(results.targets)}\n`);
    if (problems.length)
      console.log(
        `stu server log lines that look like problems (${problems.length}):\n${problems.slice(0, 10).join("\n")}`,
      );
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error("bench failed:", error);
    process.exit(1);
  },
);
