/**
 * npm run bench — load test of a real server (production build, embedded PostgreSQL) on 127.0.0.1.
 * Bounded in messages and time; writes bench/results.json and the results block of docs/benchmarks.md.
 * BENCH_QUICK=1 runs a much smaller version (to check the harness, not to measure).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type AppServer, ROOT, startAppServer } from "../test/support/app-server.ts";
import { type MailCatcher, startMailCatcher } from "../test/support/mail-catcher.ts";
import { seedHistory, timeHistory } from "./lib/history.ts";
import {
  BenchSocket,
  closeMany,
  openMany,
  Phase,
  type PhaseResult,
  runFixedRate,
  type Sender,
  Tracker,
} from "./lib/load.ts";
import { CpuMeter, findServerPid, rssKiB } from "./lib/proc.ts";
import {
  type IdleResult,
  type MeasuredPhase,
  markdownBlock,
  type Results,
  type Step,
  targetsOf,
  targetTable,
  writeMarkdown,
} from "./lib/report.ts";
import { type BenchUser, insertDialogs, insertGroup, insertUsers, loginAll } from "./lib/setup.ts";
import { SKELETON } from "./lib/skeleton.ts";

const QUICK = process.env.BENCH_QUICK === "1";
const CONFIG = {
  users: 400, // 200 dialog pairs; the same users form 8 groups of 50
  groupSize: 50,
  // 50 msg/s is a light-load reference; 200 and 1,000 are the rates the targets speak of.
  fixedRates: QUICK ? [50, 200] : [50, 200, 1000],
  fixedDurationMs: QUICK ? 3000 : 10_000,
  warmupMs: QUICK ? 1000 : 5000,
  steps: QUICK ? [500, 1000] : [500, 1000, 1500, 2000, 3000, 4000],
  // Tried, highest first, only when the first step already fails.
  lowerSteps: QUICK ? [250, 100] : [300, 200, 150, 100, 50],
  stepDurationMs: QUICK ? 3000 : 10_000,
  stepP99LimitMs: 100,
  idleSockets: QUICK ? 500 : 5000,
  historyMessages: QUICK ? 100_000 : 1_000_000,
  history: QUICK
    ? { warmup: 10, first: 20, before: 50, after: 20 }
    : { warmup: 50, first: 100, before: 500, after: 200 },
  maxRunMinutes: 12,
  // Abort a fixed-rate run once this many seconds of messages wait for their ACK.
  maxBacklogSeconds: 1,
  drainMs: 10_000,
};
// BENCH_CPU_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (for finding hot spots).
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE;

const RESULTS_FILE = path.join(ROOT, "bench", "results.json");
const DOC_FILE = path.join(ROOT, "docs", "benchmarks.md");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = performance.now();
const log = (line: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`);

function openFilesLimit(): number {
  const match = /^Max open files\s+(\S+)/m.exec(readFileSync("/proc/self/limits", "utf8"));
  return match?.[1] === "unlimited" ? Number.POSITIVE_INFINITY : Number(match?.[1] ?? 1024);
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den ? num / den : Number.NaN;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function sampleRss(pid: number, samples = 5, gapMs = 500): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i) await sleep(gapMs);
    values.push(rssKiB(pid));
  }
  return median(values);
}

const problemLine = /error|exception|fail|warn|unhandled|terminat|ECONN|timeout|too many/i;

async function main(): Promise<void> {
  const limit = openFilesLimit();
  const idleSockets = Math.min(CONFIG.idleSockets, Math.max(0, limit - 2000));
  if (idleSockets < CONFIG.idleSockets)
    log(
      `open files limit is ${limit}: measuring ${idleSockets} idle sockets instead of ${CONFIG.idleSockets}`,
    );
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    log("no production build: running npm run build");
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-bench-"));
  let mail: MailCatcher | undefined;
  let app: AppServer | undefined;
  let db: pg.Client | undefined;
  const openSockets = new Set<BenchSocket>();
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${CONFIG.maxRunMinutes} minutes; giving up`);
    void cleanup().finally(() => process.exit(2));
  }, CONFIG.maxRunMinutes * 60_000);
  watchdog.unref();
  let cleaned = false;
  async function cleanup(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    for (const s of openSockets) s.ws.terminate();
    await db?.end().catch(() => {});
    await app?.stop().catch(() => {});
    await mail?.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));

  const errors: string[] = [];
  try {
    log("starting the mail catcher and the server (production build, embedded PostgreSQL)");
    mail = await startMailCatcher();
    const env: Record<string, string> = { ACCESS_TOKEN_TTL: "1h" };
    if (CPU_PROFILE_DIR) {
      env.NODE_OPTIONS = `--import ${path.join(ROOT, "bench", "lib", "cpu-profile.mjs")}`;
      env.BENCH_CPU_PROFILE_DIR = path.resolve(CPU_PROFILE_DIR);
    }
    app = await startAppServer({ dataDir, smtpPort: mail.smtpPort, env });
    const server = app;
    const serverPid = findServerPid(server.port);
    const rssStart = rssKiB(serverPid);
    log(`server pid ${serverPid} on ${server.url}, RSS ${rssStart} KiB`);

    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    const sql = db;

    // Users, sessions, chats.
    const rows = await insertUsers(sql, CONFIG.users, "bench");
    const loginStarted = performance.now();
    const users: BenchUser[] = await loginAll(server.url, rows, 4);
    const loginSeconds = (performance.now() - loginStarted) / 1000;
    log(`${users.length} users inserted and logged in (${loginSeconds.toFixed(1)} s of logins)`);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i + 1 < users.length; i += 2) pairs.push([users[i]!.id, users[i + 1]!.id]);
    const dialogIds = await insertDialogs(sql, pairs);
    const groupIds: number[] = [];
    for (let g = 0; (g + 1) * CONFIG.groupSize <= users.length; g++) {
      const members = users.slice(g * CONFIG.groupSize, (g + 1) * CONFIG.groupSize).map((u) => u.id);
      groupIds.push(await insertGroup(sql, `bench group ${g + 1}`, members));
    }
    log(`${dialogIds.length} dialogs and ${groupIds.length} groups of ${CONFIG.groupSize}`);

    // One socket per user for the message load.
    const tracker = new Tracker();
    const loadSockets = await openMany(
      users,
      (u) => BenchSocket.open(server.url, u.token, u.id, tracker.onFrame),
      50,
    );
    for (const s of loadSockets) openSockets.add(s);
    const dialogSenders: Sender[] = loadSockets.map((socket, i) => ({
      socket,
      chatId: dialogIds[Math.floor(i / 2)]!,
      recipients: 1,
    }));
    const groupSenders: Sender[] = loadSockets
      .slice(0, groupIds.length * CONFIG.groupSize)
      .map((socket, i) => ({
        socket,
        chatId: groupIds[Math.floor(i / CONFIG.groupSize)]!,
        recipients: CONFIG.groupSize - 1,
      }));
    // Interleave the groups so that consecutive messages go to different groups.
    const groupOrder = groupSenders
      .map((s, i) => ({
        s,
        key: (i % CONFIG.groupSize) * groupIds.length + Math.floor(i / CONFIG.groupSize),
      }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.s);
    await sleep(1000); // presence announcements of the new sockets
    log(`${loadSockets.length} load sockets open`);

    // A saturated server keeps working through what it was sent after the run ends: wait until it
    // has stored everything (or stops storing) so that the next run starts on an idle server.
    const quiesce = async (tag: string, expected: number): Promise<number> => {
      const count = async () =>
        (
          await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM messages WHERE temp_id LIKE $1", [
            `${tag}-%`,
          ])
        ).rows[0]!.n;
      const deadline = performance.now() + 90_000;
      let last = await count();
      let stableSince = performance.now();
      while (last < expected && performance.now() < deadline && performance.now() - stableSince < 3000) {
        await sleep(500);
        const now = await count();
        if (now !== last) stableSince = performance.now();
        last = now;
      }
      if (last < expected) log(`${tag}: only ${last} of ${expected} messages stored in the end`);
      return last;
    };

    let phaseNo = 0;
    const measure = async (
      name: string,
      senders: Sender[],
      rate: number,
      durationMs: number,
    ): Promise<MeasuredPhase> => {
      const tag = `p${++phaseNo}`;
      const meter = new CpuMeter(serverPid);
      const result: PhaseResult = await runFixedRate(
        tracker,
        new Phase(name, tag, rate, durationMs),
        senders,
        {
          maxBacklogSeconds: CONFIG.maxBacklogSeconds,
          drainMs: CONFIG.drainMs,
        },
      );
      const cpu = meter.read();
      const stored = await quiesce(tag, result.sent - result.rejected);
      const measured = { ...result, stored, cpu };
      log(
        `${name}: sent ${measured.sent} (${measured.achievedSendRate}/s), stored ${measured.stored}, ` +
          `ACK p50/p99 ${measured.ackLatency.p50}/${measured.ackLatency.p99} ms, ` +
          `recipient p50/p99 ${measured.deliverLatency.p50}/${measured.deliverLatency.p99} ms, ` +
          `missing ${measured.missingDeliveries}, lost ${measured.lostAcks + measured.rejected}` +
          `${measured.aborted ? `, ABORTED (${measured.aborted})` : ""}; CPU server ${cpu.serverPct}% postgres ${cpu.postgresPct}% bench ${cpu.benchPct}%`,
      );
      await sleep(1000);
      return measured;
    };

    const fixedRate: MeasuredPhase[] = [];
    const steps: Step[] = [];

    log("warm-up (not recorded)");
    await measure("warm-up dialogs", dialogSenders, 100, CONFIG.warmupMs);
    for (const rate of CONFIG.fixedRates)
      fixedRate.push(
        await measure(`1:1 dialogs @ ${rate} msg/s`, dialogSenders, rate, CONFIG.fixedDurationMs),
      );

    // Step the offered rate up until p99 send→recipient reaches the limit or messages go missing.
    const judge = (p: MeasuredPhase): Step => {
      const why: string[] = [];
      if (p.aborted) why.push("saturated");
      if (p.lostAcks + p.rejected > 0) why.push(`${p.lostAcks + p.rejected} not ACKed`);
      if (p.stored < p.sent - p.rejected) why.push(`${p.stored} of ${p.sent} stored`);
      if (p.missingDeliveries > 0) why.push(`${p.missingDeliveries} deliveries missing`);
      if (!(p.deliverLatency.p99 < CONFIG.stepP99LimitMs)) why.push(`p99 ${p.deliverLatency.p99} ms`);
      if (p.achievedSendRate < p.offeredRate * 0.95) why.push("load generator could not offer the rate");
      return { ...p, passed: why.length === 0, why: why.join(", ") };
    };
    const step = async (rate: number): Promise<Step> => {
      const s = judge(
        await measure(`step: 1:1 dialogs @ ${rate} msg/s`, dialogSenders, rate, CONFIG.stepDurationMs),
      );
      steps.push(s);
      return s;
    };
    let highest: Step | undefined;
    for (const rate of CONFIG.steps) {
      const s = await step(rate);
      if (!s.passed) break;
      highest = s;
    }
    // Nothing passed: look below the first step.
    for (const rate of CONFIG.lowerSteps) {
      if (highest) break;
      const s = await step(rate);
      if (s.passed) highest = s;
    }

    log("groups warm-up (not recorded)");
    await measure("warm-up groups", groupOrder, 100, CONFIG.warmupMs);
    for (const rate of CONFIG.fixedRates)
      fixedRate.push(
        await measure(
          `${CONFIG.groupSize}-member groups @ ${rate} msg/s`,
          groupOrder,
          rate,
          CONFIG.fixedDurationMs,
        ),
      );

    await closeMany(loadSockets);
    for (const s of loadSockets) openSockets.delete(s);

    // Memory per idle socket.
    let idle: IdleResult | null = null;
    if (idleSockets > 0) {
      await sleep(3000);
      const rssBeforeKiB = await sampleRss(serverPid);
      // Opened in chunks with RSS read after each, so that the slope can be checked against noise.
      const chunks = 5;
      const points: Array<[number, number]> = [[0, rssBeforeKiB]];
      const sockets: BenchSocket[] = [];
      let openSeconds = 0;
      for (let c = 0; c < chunks; c++) {
        const from = Math.floor((idleSockets * c) / chunks);
        const to = Math.floor((idleSockets * (c + 1)) / chunks);
        const slots = Array.from({ length: to - from }, (_, i) => users[(from + i) % users.length]!);
        const openStarted = performance.now();
        const opened = await openMany(
          slots,
          (u) => BenchSocket.open(server.url, u.token, u.id, () => {}),
          100,
        );
        openSeconds += (performance.now() - openStarted) / 1000;
        for (const s of opened) {
          sockets.push(s);
          openSockets.add(s);
        }
        await sleep(c === chunks - 1 ? 5000 : 2000);
        points.push([sockets.length, await sampleRss(serverPid, 3)]);
      }
      const rssAfterKiB = await sampleRss(serverPid);
      points.push([sockets.length, rssAfterKiB]);
      await closeMany(sockets);
      for (const s of sockets) openSockets.delete(s);
      await sleep(3000);
      idle = {
        sockets: idleSockets,
        users: Math.min(users.length, idleSockets),
        openSeconds,
        rssBeforeKiB,
        rssAfterKiB,
        rssAfterCloseKiB: rssKiB(serverPid),
        perSocketKiB: Math.round(((rssAfterKiB - rssBeforeKiB) / idleSockets) * 10) / 10,
        slopeKiB: Math.round(slope(points) * 10) / 10,
        points,
      };
      log(
        `idle sockets: ${idleSockets} open in ${openSeconds.toFixed(1)} s, RSS ${rssBeforeKiB} → ${rssAfterKiB} KiB, ` +
          `${idle.perSocketKiB} KiB per socket (slope over ${points.length} readings: ${idle.slopeKiB} KiB)`,
      );
    }

    // History of a big chat.
    log(`seeding ${CONFIG.historyMessages} messages into one chat`);
    const seeded = await seedHistory(sql, [users[0]!.id, users[1]!.id], CONFIG.historyMessages);
    log(`seeded in ${seeded.seedSeconds.toFixed(1)} s; timing history pages`);
    const pages = await timeHistory(server.url, users[0]!.token, seeded, CONFIG.history);
    const history = { messages: CONFIG.historyMessages, ...seeded, ...pages };
    log(`history: before_id p50 ${pages.beforeId.p50} ms, p99 ${pages.beforeId.p99} ms`);

    const problems = server.logs.filter((l) => problemLine.test(l));
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
        serverPid,
      },
      config: { ...CONFIG, quick: QUICK, idleSockets },
      setup: {
        users: users.length,
        loginSeconds: Math.round(loginSeconds * 10) / 10,
        dialogs: dialogIds.length,
        groups: groupIds.length,
        groupSize: CONFIG.groupSize,
      },
      fixedRate,
      steps,
      sustainedRate: {
        highestPassingRate: highest?.offeredRate ?? null,
        deliveredRate: highest?.deliveredRate ?? null,
        limitP99Ms: CONFIG.stepP99LimitMs,
      },
      idle,
      history,
      serverRssKiB: { start: rssStart, end: rssKiB(serverPid) },
      benchFrames: { stray: tracker.stray, other: tracker.otherFrames },
      serverLogProblems: { count: problems.length, samples: problems.slice(0, 20) },
      targets: [],
      errors,
    };
    results.targets = targetsOf(results);
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    writeMarkdown(DOC_FILE, markdownBlock(results), SKELETON);
    log(`wrote ${path.relative(ROOT, RESULTS_FILE)} and ${path.relative(ROOT, DOC_FILE)}`);
    console.log(`\n${targetTable(results.targets)}\n`);
    if (problems.length)
      console.log(
        `server log lines that look like problems (${problems.length}):\n${problems.slice(0, 10).join("\n")}`,
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
