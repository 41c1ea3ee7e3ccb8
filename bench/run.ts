/**
 * npm run bench — load test of a real server (production build, embedded PostgreSQL) on 127.0.0.1.
 * Bounded in messages and time (about 4–6 minutes, at most CONFIG.maxRunMinutes); writes
 * bench/results.json and the results block of docs/benchmarks.md, and prints the target table.
 *
 * BENCH_QUICK=1 runs a much smaller version (to check the harness, not to measure); it writes to
 * $TMPDIR/stu-bench-quick/ instead.
 * BENCH_CPU_PROFILE=<dir> also makes the server write a V8 CPU profile there (to find hot spots).
 * `npm run bench -- --report-only` rewrites docs/benchmarks.md from bench/results.json.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type AppServer, ROOT, startAppServer } from "../test/support/app-server.ts";
import { type MailCatcher, startMailCatcher } from "../test/support/mail-catcher.ts";
import { seedHistory, timeHistory } from "./lib/history.ts";
import { type IdleResult, measureIdleSockets } from "./lib/idle.ts";
import { BenchSocket, closeMany, openMany, Phase, runFixedRate, type Sender, Tracker } from "./lib/load.ts";
import { ServerProbe } from "./lib/probe.ts";
import { CpuMeter, findServerPid, machineBusySeconds, rssKiB } from "./lib/proc.ts";
import {
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
  users: 400, // 200 dialog pairs; the same users also form 8 groups of 50
  groupSize: 50,
  // 50 msg/s is a light-load reference; 200 and 1,000 are the rates the targets speak of.
  fixedRates: QUICK ? [50, 200] : [50, 200, 1000],
  fixedDurationMs: QUICK ? 3000 : 10_000,
  // Each run starts with this long at its rate whose latencies are reported apart (loss still
  // counts): when the rate goes up the server's PostgreSQL pool opens connections, which stalls it.
  settleMs: QUICK ? 1000 : 2000,
  warmupMs: QUICK ? 2000 : 5000,
  // Offered rates for the sustained-rate search, stepped up until one fails. Spread over 400
  // senders, the highest is 10 msg/s per user: below the default per-user limit (MESSAGE_RATE_LIMIT
  // 20/s), which a bench with fewer senders or higher rates must raise in the server's env.
  steps: QUICK ? [50, 100, 500] : [50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 2000, 3000, 4000],
  stepDurationMs: QUICK ? 3000 : 10_000,
  stepP99LimitMs: 100,
  idleSockets: QUICK ? 500 : 5000,
  historyMessages: QUICK ? 100_000 : 1_000_000,
  history: QUICK
    ? { warmup: 10, first: 20, before: 50, after: 20 }
    : { warmup: 50, first: 100, before: 500, after: 200 },
  // Abort a fixed-rate run once this many seconds' worth of messages wait for their ACK.
  maxBacklogSeconds: 1,
  drainMs: 10_000,
  maxRunMinutes: 12,
};
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE;

// A quick run checks the harness: its numbers must not replace the real ones.
const OUT_DIR = QUICK ? path.join(os.tmpdir(), "stu-bench-quick") : undefined;
const RESULTS_FILE = OUT_DIR ? path.join(OUT_DIR, "results.json") : path.join(ROOT, "bench", "results.json");
const DOC_FILE = OUT_DIR ? path.join(OUT_DIR, "benchmarks.md") : path.join(ROOT, "docs", "benchmarks.md");
const PROBE_MODULE = path.join(ROOT, "bench", "lib", "server-probe.mjs");
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
  writeMarkdown(DOC_FILE, markdownBlock(results), SKELETON);
  console.log(`${targetTable(results.targets)}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes("--report-only")) return reportOnly();
  const limit = openFilesLimit();
  // The bench process holds every client socket: keep headroom for everything else.
  const idleSockets = Math.min(CONFIG.idleSockets, Math.max(0, limit - 2000));
  if (idleSockets < CONFIG.idleSockets)
    log(`open files limit is ${limit}: measuring ${idleSockets} idle sockets, not ${CONFIG.idleSockets}`);
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    log("no production build: running npm run build");
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-bench-"));
  const probeDir = mkdtempSync(path.join(os.tmpdir(), "stu-bench-probe-"));
  let mail: MailCatcher | undefined;
  let app: AppServer | undefined;
  let db: pg.Client | undefined;
  const openSockets = new Set<BenchSocket>();
  let cleaned = false;
  async function cleanup(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    for (const s of openSockets) s.ws.terminate();
    await db?.end().catch(() => {});
    await app?.stop().catch(() => {});
    await mail?.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(probeDir, { recursive: true, force: true });
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
    log("starting the mail catcher and the server (production build, embedded PostgreSQL)");
    mail = await startMailCatcher();
    const probeBase = path.join(probeDir, "probe");
    const env: Record<string, string> = {
      ACCESS_TOKEN_TTL: "1h",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${JSON.stringify(PROBE_MODULE)}`.trim(),
      BENCH_PROBE_FILE: probeBase,
    };
    if (CPU_PROFILE_DIR) env.BENCH_CPU_PROFILE_DIR = path.resolve(CPU_PROFILE_DIR);
    app = await startAppServer({ dataDir, smtpPort: mail.smtpPort, env });
    const server = app;
    const serverPid = findServerPid(server.port);
    const probe = await ServerProbe.attach(serverPid, `${probeBase}.${serverPid}`);
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

    // 1. Memory per idle socket, on the fresh server.
    let idle: IdleResult | null = null;
    if (idleSockets > 0) {
      log(`opening ${idleSockets} idle sockets`);
      idle = await measureIdleSockets({
        baseUrl: server.url,
        pid: serverPid,
        probe,
        users,
        count: idleSockets,
        track: openSockets,
      });
      log(
        `idle sockets: opened in ${idle.openSeconds} s; RSS after full GC ${idle.before.rssKiB} before, ` +
          `${idle.after.rssKiB} with them open, ${idle.afterClose.rssKiB} KiB after closing them: ${idle.perSocketKiB} KiB per socket ` +
          `(marginal ${idle.slopeKiB}, before→after ${idle.perSocketBeforeAfterKiB}, JS heap ${idle.perSocketHeapKiB})`,
      );
    }

    // One socket per user for the message load.
    const tracker = new Tracker();
    const loadSockets = await openMany(
      users,
      (u) => BenchSocket.open(server.url, u.token, u.id, tracker.onFrame),
      50,
    );
    for (const s of loadSockets) openSockets.add(s);
    // Both people of a dialog send; consecutive messages go to different dialogs (first the first
    // member of every pair, then the second), so that one chat's row lock is not hit back to back.
    const dialogSenders: Sender[] = [0, 1].flatMap((side) =>
      pairs.map((_, p) => ({ socket: loadSockets[2 * p + side]!, chatId: dialogIds[p]!, recipients: 1 })),
    );
    // Every group member sends; consecutive messages go to different groups.
    const groupSenders: Sender[] = [];
    for (let m = 0; m < CONFIG.groupSize; m++)
      for (let g = 0; g < groupIds.length; g++)
        groupSenders.push({
          socket: loadSockets[g * CONFIG.groupSize + m]!,
          chatId: groupIds[g]!,
          recipients: CONFIG.groupSize - 1,
        });
    await sleep(2000); // presence announcements of the new sockets
    const idleMeter = new CpuMeter(serverPid);
    await sleep(QUICK ? 2000 : 5000);
    const idleCpu = idleMeter.read();
    log(
      `${loadSockets.length} load sockets open; idle CPU: server ${idleCpu.serverPct}%, postgres ${idleCpu.postgresPct}%, other processes ${idleCpu.otherPct}%`,
    );

    // A saturated server keeps working through what it was sent after a run ends: wait until it
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
      if (last < expected) notes.push(`${tag}: only ${last} of ${expected} messages were stored in the end`);
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
      await probe.ask({ reset: true });
      const meter = new CpuMeter(serverPid);
      const phase = new Phase(name, tag, rate, durationMs + CONFIG.settleMs, CONFIG.settleMs);
      const result = await runFixedRate(tracker, phase, senders, {
        maxBacklogSeconds: CONFIG.maxBacklogSeconds,
        drainMs: CONFIG.drainMs,
      });
      const cpu = meter.read();
      const inside = await probe.ask();
      const stored = await quiesce(tag, result.sent - result.rejected);
      const measured: MeasuredPhase = {
        ...result,
        stored,
        cpu,
        server: {
          gcCount: inside.gc.count,
          gcTotalMs: inside.gc.totalMs,
          gcMaxMs: inside.gc.maxMs,
          loopDelayP99Ms: inside.loop.p99Ms,
          loopDelayMaxMs: inside.loop.maxMs,
          heapUsedMiB: Math.round(inside.memory.heapUsed / 2 ** 20),
        },
      };
      log(
        `${name}: sent ${measured.sent} (${measured.achievedSendRate}/s), stored ${measured.stored}, ` +
          `ACK p50/p99 ${measured.ackLatency.p50}/${measured.ackLatency.p99} ms, ` +
          `recipient p50/p99 ${measured.deliverLatency.p50}/${measured.deliverLatency.p99} ms ` +
          `(first ${CONFIG.settleMs / 1000} s: p99 ${measured.settleDeliverLatency.p99} ms), ` +
          `missing ${measured.missingDeliveries}, lost ${measured.lostAcks + measured.rejected}` +
          `${measured.aborted ? `, ABORTED (${measured.aborted})` : ""}; ` +
          `CPU server ${cpu.serverPct}% postgres ${cpu.postgresPct}% bench ${cpu.benchPct}% other ${cpu.otherPct}%; ` +
          `GC max ${inside.gc.maxMs} ms, loop delay max ${inside.loop.maxMs} ms`,
      );
      if (measured.cpu.otherPct > 25)
        notes.push(
          `other processes on the machine used ${measured.cpu.otherPct}% CPU (of one core) during "${name}": its numbers are skewed`,
        );
      await sleep(1000);
      return measured;
    };

    const fixedRate: MeasuredPhase[] = [];
    const steps: Step[] = [];

    // 2. Sustained rate: step the offered rate up until p99 send→recipient reaches the limit or
    // messages go missing.
    log("warm-up (not recorded)");
    await measure("warm-up dialogs", dialogSenders, 50, CONFIG.warmupMs);
    const judge = (p: MeasuredPhase): Step => {
      const why: string[] = [];
      if (p.aborted) why.push("saturated");
      if (p.lostAcks + p.rejected > 0) why.push(`${p.lostAcks + p.rejected} not ACKed`);
      if (p.stored < p.sent - p.rejected) why.push(`${p.stored} of ${p.sent} stored`);
      if (p.missingDeliveries > 0) why.push(`${p.missingDeliveries} deliveries missing`);
      if (!(p.deliverLatency.p99 < CONFIG.stepP99LimitMs)) why.push(`p99 ${p.deliverLatency.p99} ms`);
      if (p.deliveredRate < p.offeredRate * 0.95) why.push(`only ${p.deliveredRate} msg/s delivered`);
      return { ...p, passed: why.length === 0, why: why.join(", ") };
    };
    let highest: Step | undefined;
    for (const rate of CONFIG.steps) {
      const s = judge(
        await measure(`step: 1:1 dialogs @ ${rate} msg/s`, dialogSenders, rate, CONFIG.stepDurationMs),
      );
      steps.push(s);
      if (!s.passed) break;
      highest = s;
    }

    // 3. Latency at fixed rates, 1:1 and in groups (send → each of the 49 other members).
    for (const rate of CONFIG.fixedRates)
      fixedRate.push(
        await measure(`1:1 dialogs @ ${rate} msg/s`, dialogSenders, rate, CONFIG.fixedDurationMs),
      );
    log("groups warm-up (not recorded)");
    await measure("warm-up groups", groupSenders, 50, CONFIG.warmupMs);
    for (const rate of CONFIG.fixedRates)
      fixedRate.push(
        await measure(
          `${CONFIG.groupSize}-member groups @ ${rate} msg/s`,
          groupSenders,
          rate,
          CONFIG.fixedDurationMs,
        ),
      );
    await closeMany(loadSockets);
    for (const s of loadSockets) openSockets.delete(s);

    // 4. History of a chat with a million messages.
    log(`seeding ${CONFIG.historyMessages} messages into one chat`);
    const seeded = await seedHistory(sql, [users[0]!.id, users[1]!.id], CONFIG.historyMessages);
    log(`seeded in ${seeded.seedSeconds.toFixed(1)} s; timing history pages`);
    const pages = await timeHistory(server.url, users[0]!.token, sql, seeded, CONFIG.history);
    if (!pages.pageSizeOk) notes.push("some history pages did not hold 50 messages");
    const history = { messages: CONFIG.historyMessages, ...seeded, ...pages };
    log(
      `history: first page p50/p99 ${pages.firstPage.p50}/${pages.firstPage.p99} ms, before_id ${pages.beforeId.p50}/${pages.beforeId.p99} ms, after_id ${pages.afterId.p50}/${pages.afterId.p99} ms; the SELECT alone ${pages.sqlBeforeId.p50}/${pages.sqlBeforeId.p99} ms`,
    );

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
      otherProcessesCpuPctAtStart: otherAtStart,
      git: gitState(),
      setup: {
        users: users.length,
        loginSeconds: Math.round(loginSeconds * 10) / 10,
        dialogs: dialogIds.length,
        groups: groupIds.length,
        groupSize: CONFIG.groupSize,
        idleCpuWithLoadSocketsOpen: idleCpu,
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
