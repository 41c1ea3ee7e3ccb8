import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { HistoryResult } from "./history.ts";
import type { IdleResult } from "./idle.ts";
import type { PhaseResult } from "./load.ts";
import { fmtMs } from "./stats.ts";

export type Cpu = { serverPct: number; postgresPct: number; benchPct: number; otherPct: number };
/** Seen from inside the server (bench/lib/server-probe.mjs) during a run. */
export type ServerInside = {
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  heapUsedMiB: number;
};
export type MeasuredPhase = PhaseResult & { stored: number; cpu: Cpu; server: ServerInside };
export type Step = MeasuredPhase & { passed: boolean; why: string };

export type Target = { metric: string; target: string; measured: string; met: boolean | null };

export type Results = {
  date: string;
  durationSeconds: number;
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryMiB: number;
    openFilesLimit: number;
    serverPid: number;
  };
  config: Record<string, unknown>;
  otherProcessesCpuPctAtStart: number;
  git: { commit: string; changedFiles: string[] };
  setup: {
    users: number;
    loginSeconds: number;
    dialogs: number;
    groups: number;
    groupSize: number;
    idleCpuWithLoadSocketsOpen: Cpu;
  };
  fixedRate: MeasuredPhase[];
  steps: Step[];
  sustainedRate: { highestPassingRate: number | null; deliveredRate: number | null; limitP99Ms: number };
  idle: IdleResult | null;
  history: HistoryResult | null;
  serverRssKiB: { start: number; end: number };
  benchFrames: { stray: number; other: Record<string, number> };
  serverLogProblems: { count: number; samples: string[] };
  targets: Target[];
  notes: string[];
};

const n = (v: number) => v.toLocaleString("en-US");

export function targetsOf(r: Results): Target[] {
  const dialog1000 = r.fixedRate.find((p) => p.name === "1:1 dialogs @ 1000 msg/s");
  const d99 = dialog1000?.deliverLatency.p99;
  const dialogOk =
    dialog1000 !== undefined &&
    !dialog1000.aborted &&
    dialog1000.missingDeliveries === 0 &&
    dialog1000.lostAcks === 0;
  const sustained = r.sustainedRate.highestPassingRate;
  return [
    {
      metric: "p99 send→recipient, 1:1 dialogs at 1,000 msg/s",
      target: "< 25 ms",
      measured:
        d99 === undefined
          ? "not measured"
          : `${fmtMs(d99)}${dialogOk ? "" : ` (${dialog1000?.aborted ? "aborted: saturated" : "messages lost/late"})`}`,
      met: d99 === undefined ? null : dialogOk && d99 < 25,
    },
    {
      metric: "sustained stored-and-delivered rate with p99 send→recipient < 100 ms",
      target: "≥ 3,000 msg/s",
      measured:
        sustained === null
          ? `none: already the lowest step (${n(Math.min(...r.steps.map((s) => s.offeredRate)))} msg/s) failed`
          : `${n(sustained)} msg/s offered (${n(r.sustainedRate.deliveredRate ?? 0)} msg/s delivered)`,
      met: sustained !== null && sustained >= 3000,
    },
    {
      metric: `memory per idle socket (server RSS after a full GC, ${n(r.idle?.sockets ?? 0)} sockets)`,
      target: "≤ 30 KB",
      // RSS can stay flat while the heap grows into pages the process already had, so the JS heap
      // growth is shown too, and the larger of the two is held against the target.
      measured: r.idle
        ? `${r.idle.perSocketKiB.toFixed(1)} KiB of RSS (marginal: ${r.idle.slopeKiB.toFixed(1)} KiB; JS heap: ${r.idle.perSocketHeapKiB.toFixed(1)} KiB)`
        : "not measured",
      met: r.idle ? Math.max(r.idle.perSocketKiB, r.idle.slopeKiB, r.idle.perSocketHeapKiB) <= 30 : null,
    },
    {
      metric: `history page p99 (limit=50, random before_id, ${n(r.history?.messages ?? 0)} messages in the chat)`,
      target: "< 10 ms",
      measured: r.history ? fmtMs(r.history.beforeId.p99) : "not measured",
      met: r.history ? r.history.beforeId.p99 < 10 : null,
    },
  ];
}

const fmtS = (r: Results) =>
  `${(Number(r.config.settleMs) / 1000).toFixed(0)} + ${(Number(r.config.stepDurationMs) / 1000).toFixed(0)} s`;

/**
 * Pads every Markdown table so its columns line up, the way the repository's formatter (biome)
 * writes them, so that the generated page passes `biome check` as it is.
 */
export function alignTables(markdown: string): string {
  const lines = markdown.split("\n");
  const width = (text: string) => [...text].length;
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]!.startsWith("|")) {
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]!.startsWith("|")) end++;
    const rows = lines.slice(i, end).map((l) =>
      l
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim()),
    );
    const isRule = (cells: string[]) => cells.every((c) => /^-+$/.test(c));
    const columns = Math.max(...rows.map((r) => r.length));
    const widths = Array.from({ length: columns }, (_, c) =>
      Math.max(3, ...rows.filter((r) => !isRule(r)).map((r) => width(r[c] ?? ""))),
    );
    const out = rows.map((r) => {
      const rule = isRule(r);
      const cells = widths.map((w, c) =>
        rule ? "-".repeat(w) : (r[c] ?? "") + " ".repeat(w - width(r[c] ?? "")),
      );
      return `| ${cells.join(" | ")} |`;
    });
    lines.splice(i, end - i, ...out);
    i = end;
  }
  return lines.join("\n");
}

const met = (m: boolean | null) => (m === null ? "–" : m ? "yes" : "**no**");

export function targetTable(targets: Target[]): string {
  return alignTables(
    [
      "| metric | target | measured | met? |",
      "| --- | --- | --- | --- |",
      ...targets.map((t) => `| ${t.metric} | ${t.target} | ${t.measured} | ${met(t.met)} |`),
    ].join("\n"),
  );
}

function phaseRow(p: MeasuredPhase | Step): string {
  const lost = p.lostAcks + p.rejected;
  const notes = [
    p.aborted ? `aborted: ${p.aborted}` : "",
    Object.keys(p.errors).length ? `errors ${JSON.stringify(p.errors)}` : "",
    "why" in p ? p.why : "",
  ]
    .filter(Boolean)
    .join("; ");
  return [
    p.name,
    n(p.offeredRate),
    n(p.achievedSendRate),
    n(p.deliveredRate),
    `${fmtMs(p.ackLatency.p50)} / ${fmtMs(p.ackLatency.p95)} / ${fmtMs(p.ackLatency.p99)}`,
    `${fmtMs(p.deliverLatency.p50)} / ${fmtMs(p.deliverLatency.p95)} / ${fmtMs(p.deliverLatency.p99)}`,
    p.aborted ? "(included)" : fmtMs(p.settleDeliverLatency.p99),
    `${n(p.sent)} / ${n(p.stored)} / ${n(lost)}`,
    n(p.missingDeliveries),
    `${p.cpu.serverPct}% / ${p.cpu.postgresPct}% / ${p.cpu.benchPct}% / ${p.cpu.otherPct}%`,
    `${fmtMs(p.server.gcMaxMs)} / ${fmtMs(p.server.loopDelayMaxMs)}`,
    "passed" in p ? (p.passed ? "pass" : "**fail**") : "",
    notes,
  ].join(" | ");
}

const PHASE_HEADER = [
  "| run | offered msg/s | sent msg/s | delivered msg/s | send→ACK p50 / p95 / p99 | send→recipient p50 / p95 / p99 | first seconds: send→recipient p99 | sent / stored / not ACKed | deliveries missing | CPU server / postgres / bench / other processes | server GC max / event-loop delay max | step | notes |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
];

export function markdownBlock(r: Results): string {
  const h = r.history;
  const i = r.idle;
  const lines = [
    `Run of ${r.date} (${Math.round(r.durationSeconds)} s) on commit ${r.git.commit}${r.git.changedFiles.length ? ` with ${r.git.changedFiles.length} uncommitted change(s) outside bench/ and docs/` : ""}: Node ${r.environment.node}, ${r.environment.cpus} × ${r.environment.cpuModel}, ${n(r.environment.memoryMiB)} MiB RAM, ${r.environment.platform}. Server, PostgreSQL and load generator share the same machine.`,
    "",
    targetTable(r.targets),
    "",
    "### Fixed-rate runs and steps",
    "",
    `Latencies are measured from each message's scheduled send time. Each run lasts ${fmtS(r)} at its rate; the messages due in its first ${(Number(r.config.settleMs) / 1000).toFixed(0)} s are left out of the latency columns and shown apart ("first seconds"), except in runs aborted as saturated, where every message counts. Loss always counts every message. CPU is % of one core (2 cores = 200%). Steps run first (in this order), then the fixed-rate runs.`,
    "",
    ...PHASE_HEADER,
    ...[...r.steps, ...r.fixedRate].map((p) => `| ${phaseRow(p)} |`),
    "",
    r.sustainedRate.highestPassingRate === null
      ? "Highest sustained rate: no step passed."
      : `Highest sustained rate (every message stored, ACKed and delivered, p99 send→recipient < ${r.sustainedRate.limitP99Ms} ms): **${n(r.sustainedRate.highestPassingRate)} msg/s** offered, ${n(r.sustainedRate.deliveredRate ?? 0)} msg/s delivered.`,
    "",
    "### Idle sockets",
    "",
    i
      ? [
          `${n(i.sockets)} authenticated, silent sockets (spread over ${n(i.users)} users' sessions) opened in ${i.openSeconds} s on the freshly started server, in five chunks. Server VmRSS (from /proc) read after a forced full GC:`,
          "",
          "| open sockets | VmRSS after GC | VmRSS before GC | JS heap used | JS heap total |",
          "| --- | --- | --- | --- | --- |",
          ...[...i.readings, { ...i.afterClose, sockets: -1 }].map(
            (x) =>
              `| ${x.sockets < 0 ? "0 (all closed again)" : n(x.sockets)} | ${n(x.rssKiB)} KiB | ${n(x.rawRssKiB)} KiB | ${n(x.heapUsedKiB)} KiB | ${n(x.heapTotalKiB)} KiB |`,
          ),
          "",
          `Per socket: **${i.perSocketKiB} KiB** of RSS = (RSS with all ${n(i.sockets)} open − RSS after closing them) / ${n(i.sockets)}; the marginal cost (least-squares slope over the readings with sockets open) is ${i.slopeKiB} KiB, and the JS heap grew by ${i.perSocketHeapKiB} KiB per socket. (RSS after opening − RSS before) / ${n(i.sockets)} gives ${i.perSocketBeforeAfterKiB} KiB, but the "before" reading is inflated: soon after start-up the server hands back tens of MB, in the middle of the measurement (see the drop at the first chunk). Without forcing a GC the readings swing by tens of MB with garbage from earlier work.`,
        ].join("\n")
      : "Not measured.",
    "",
    "### History",
    "",
    h
      ? [
          `${n(h.messages)} messages in one chat, seeded in ${h.seedSeconds.toFixed(1)} s. GET /v1/chats/{id}/messages?limit=50, one request at a time:`,
          "",
          "| page | requests | p50 | p95 | p99 | max |",
          "| --- | --- | --- | --- | --- | --- |",
          ...(
            [
              ["first page (no cursor)", h.firstPage],
              ["before_id=<random>", h.beforeId],
              ["after_id=<random>", h.afterId],
              ["the before_id page's SELECT alone, straight to PostgreSQL", h.sqlBeforeId],
            ] as const
          ).map(
            ([name, s]) =>
              `| ${name} | ${s.count} | ${fmtMs(s.p50)} | ${fmtMs(s.p95)} | ${fmtMs(s.p99)} | ${fmtMs(s.max)} |`,
          ),
        ].join("\n")
      : "Not measured.",
    "",
    `Server RSS: ${n(r.serverRssKiB.start)} KiB after start, ${n(r.serverRssKiB.end)} KiB at the end. Server log lines that look like problems: ${r.serverLogProblems.count}.`,
  ];
  if (r.notes.length) lines.push("", "Noticed during the run:", "", ...r.notes.map((e) => `- ${e}`));
  return alignTables(lines.join("\n"));
}

const START = "<!-- bench:results:start (written by npm run bench) -->";
const END = "<!-- bench:results:end -->";

/** Replaces the generated block of the document, keeping what was written by hand around it. */
export function writeMarkdown(file: string, block: string, skeleton: string): void {
  const current = existsSync(file) ? readFileSync(file, "utf8") : skeleton;
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  const generated = `${START}\n${block}\n${END}`;
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + generated + current.slice(to + END.length)
      : `${current.trimEnd()}\n\n${generated}\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, next);
}

export const MARKERS = { START, END };
