import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { HistoryResult } from "./history.ts";
import type { PhaseResult } from "./load.ts";
import { fmtMs } from "./stats.ts";

export type Cpu = { serverPct: number; postgresPct: number; benchPct: number };
export type MeasuredPhase = PhaseResult & { stored: number; cpu: Cpu };
export type Step = MeasuredPhase & { passed: boolean; why: string };

export type IdleResult = {
  sockets: number;
  users: number;
  openSeconds: number;
  rssBeforeKiB: number;
  rssAfterKiB: number;
  rssAfterCloseKiB: number;
  perSocketKiB: number;
  /** Least-squares KiB per socket over the readings taken while opening them. */
  slopeKiB: number;
  /** [open sockets, server RSS KiB] readings. */
  points: Array<[number, number]>;
};

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
  setup: { users: number; loginSeconds: number; dialogs: number; groups: number; groupSize: number };
  fixedRate: MeasuredPhase[];
  steps: Step[];
  sustainedRate: { highestPassingRate: number | null; deliveredRate: number | null; limitP99Ms: number };
  idle: IdleResult | null;
  history: HistoryResult | null;
  serverRssKiB: { start: number; end: number };
  benchFrames: { stray: number; other: Record<string, number> };
  serverLogProblems: { count: number; samples: string[] };
  targets: Target[];
  errors: string[];
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
          ? `below the lowest step (${n(Math.min(...r.steps.map((s) => s.offeredRate)))} msg/s)`
          : `${n(sustained)} msg/s offered (${n(r.sustainedRate.deliveredRate ?? 0)} msg/s delivered)`,
      met: sustained !== null && sustained >= 3000,
    },
    {
      metric: `memory per idle socket (server RSS, ${n(r.idle?.sockets ?? 0)} sockets)`,
      target: "≤ 30 KB",
      measured: r.idle ? `${r.idle.perSocketKiB.toFixed(1)} KiB` : "not measured",
      met: r.idle ? r.idle.perSocketKiB <= 30 : null,
    },
    {
      metric: `history page p99 (limit=50, random before_id, ${n(r.history?.messages ?? 0)} messages in the chat)`,
      target: "< 10 ms",
      measured: r.history ? fmtMs(r.history.beforeId.p99) : "not measured",
      met: r.history ? r.history.beforeId.p99 < 10 : null,
    },
  ];
}

const met = (m: boolean | null) => (m === null ? "–" : m ? "yes" : "**no**");

export function targetTable(targets: Target[]): string {
  return [
    "| metric | target | measured | met? |",
    "| --- | --- | --- | --- |",
    ...targets.map((t) => `| ${t.metric} | ${t.target} | ${t.measured} | ${met(t.met)} |`),
  ].join("\n");
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
    `${n(p.sent)} / ${n(p.stored)} / ${n(lost)}`,
    n(p.missingDeliveries),
    `${p.cpu.serverPct}% / ${p.cpu.postgresPct}% / ${p.cpu.benchPct}%`,
    "passed" in p ? (p.passed ? "pass" : "**fail**") : "",
    notes,
  ].join(" | ");
}

const PHASE_HEADER = [
  "| run | offered msg/s | sent msg/s | delivered msg/s | send→ACK p50 / p95 / p99 | send→recipient p50 / p95 / p99 | sent / stored / lost | deliveries missing | CPU server / postgres / bench | | notes |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
];

export function markdownBlock(r: Results): string {
  const h = r.history;
  const i = r.idle;
  const lines = [
    `Run of ${r.date} (${Math.round(r.durationSeconds)} s): Node ${r.environment.node}, ${r.environment.cpus} × ${r.environment.cpuModel}, ${n(r.environment.memoryMiB)} MiB RAM, ${r.environment.platform}. Server, PostgreSQL and load generator share the same machine.`,
    "",
    targetTable(r.targets),
    "",
    "### Fixed-rate runs and steps",
    "",
    "Latencies are measured from each message's scheduled send time. CPU is % of one core (2 cores = 200%).",
    "",
    ...PHASE_HEADER,
    ...[...r.fixedRate, ...r.steps].map((p) => `| ${phaseRow(p)} |`),
    "",
    r.sustainedRate.highestPassingRate === null
      ? "Highest sustained rate: no step passed."
      : `Highest sustained rate (every message stored, ACKed and delivered, p99 send→recipient < ${r.sustainedRate.limitP99Ms} ms): **${n(r.sustainedRate.highestPassingRate)} msg/s** offered, ${n(r.sustainedRate.deliveredRate ?? 0)} msg/s delivered.`,
    "",
    "### Idle sockets",
    "",
    i
      ? `${n(i.sockets)} authenticated sockets (${n(i.users)} users) opened in ${i.openSeconds.toFixed(1)} s. Server RSS ${n(i.rssBeforeKiB)} KiB before, ${n(i.rssAfterKiB)} KiB with them open (${n(i.rssAfterCloseKiB)} KiB after closing them): **${i.perSocketKiB.toFixed(1)} KiB per socket** (least-squares slope over the ${i.points.length} readings taken while opening them: ${i.slopeKiB.toFixed(1)} KiB).`
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
            ] as const
          ).map(
            ([name, s]) =>
              `| ${name} | ${s.count} | ${fmtMs(s.p50)} | ${fmtMs(s.p95)} | ${fmtMs(s.p99)} | ${fmtMs(s.max)} |`,
          ),
          h.pageSizeOk ? "" : "\nSome pages did not have 50 messages.",
        ].join("\n")
      : "Not measured.",
    "",
    `Server RSS: ${n(r.serverRssKiB.start)} KiB after start, ${n(r.serverRssKiB.end)} KiB at the end. Server log lines that look like problems: ${r.serverLogProblems.count}.`,
  ];
  if (r.errors.length) lines.push("", "Errors during the run:", "", ...r.errors.map((e) => `- ${e}`));
  return lines.join("\n");
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
