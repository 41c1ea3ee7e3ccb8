import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { IdleMemory } from "./client.ts";
import type { HistoryResult } from "./history.ts";
import type { IdleResult } from "./idle.ts";
import type { PhaseResult } from "./load.ts";
import type { CpuUse } from "./proc.ts";
import { type SearchResult, searchBlock } from "./search.ts";
import { fmtMs } from "./stats.ts";

/** Seen from inside the stu server (bench/lib/server-probe.mjs) during a run. */
export type ServerInside = {
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  heapUsedMiB: number;
};
export type MeasuredPhase = PhaseResult & {
  system: string;
  stored: number;
  cpu: CpuUse;
  /** Write transactions PostgreSQL committed during the run (null: the system does not tell). */
  commits: number | null;
  /** Differences of the system's counters over the run (receipts sent, errors, …). */
  counters: Record<string, number>;
  server: ServerInside | null;
  /** How long the bench waited for the machine to be quiet before the run. */
  quietWaitMs: number;
};
export type Step = MeasuredPhase & { passed: boolean; why: string };

export type Sustained = { rate: number | null; delivered: number | null };

export type SystemResults = {
  name: string;
  version: string;
  ackMeaning: string;
  deliveryAckMeaning: string;
  pids: { server: number; postgres: number };
  startSeconds: number;
  setup: Record<string, unknown>;
  idle: IdleMemory | null;
  idleCpuWithLoadClients: CpuUse | null;
  steps: Step[];
  groupSteps: Step[];
  fixedRate: MeasuredPhase[];
  sustained: Sustained;
  groupSustained: Sustained;
  rssKiB: { start: number; end: number };
  strayEvents: number;
  serverLogProblems: { count: number; samples: string[] } | null;
};

export type Target = {
  metric: string;
  target: string;
  measured: string;
  met: boolean | null;
  /** The peer's value on the same row, and stu's lead over it (× > 1: stu better). */
  peer?: string;
  lead?: string;
};

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
  };
  config: Record<string, unknown>;
  otherProcessesCpuPctAtStart: number;
  git: { commit: string; changedFiles: string[] };
  systems: SystemResults[];
  history: HistoryResult | null;
  /** Absent in results written before the search scenario existed. */
  search?: SearchResult | null;
  targets: Target[];
  notes: string[];
};

const n = (v: number) => v.toLocaleString("en-US");
const r1 = (v: number) => Math.round(v * 10) / 10;
/** stu's lead as a factor: > 1 means stu is better (higher rate, or lower latency/cost). */
const leadOf = (stu: number | null | undefined, peer: number | null | undefined, higherIsBetter: boolean) => {
  if (stu == null || peer == null || !Number.isFinite(stu) || !Number.isFinite(peer) || stu <= 0 || peer <= 0)
    return "–";
  return `${(higherIsBetter ? stu / peer : peer / stu).toFixed(2)}×`;
};

export const cpuMsPerMessage = (p: MeasuredPhase) => (p.sent > 0 ? p.cpu.systemMs / p.sent : Number.NaN);
const commitsPerMessage = (p: MeasuredPhase) => (p.commits === null || !p.sent ? null : p.commits / p.sent);

const allRuns = (s: SystemResults): MeasuredPhase[] => [...s.steps, ...s.fixedRate, ...s.groupSteps];

/** Loss, duplicates and order over every run of a system. */
function integrity(s: SystemResults) {
  const runs = allRuns(s);
  const sum = (f: (p: MeasuredPhase) => number) => runs.reduce((a, p) => a + f(p), 0);
  return {
    runs: runs.length,
    ackedNotStored: sum((p) => Math.max(0, p.acked - p.stored)),
    ackedNotDelivered: sum((p) => p.ackedNotDelivered),
    duplicates: sum((p) => p.duplicateDeliveries + p.duplicateAcks),
    outOfOrder: sum((p) => p.outOfOrder),
    idsOutOfOrder: sum((p) => p.counters.idsOutOfOrder ?? 0),
  };
}

const integrityText = (i: ReturnType<typeof integrity>, ids: boolean) =>
  `${n(i.ackedNotStored)} ACKed not stored, ${n(i.ackedNotDelivered)} ACKed not delivered, ${n(i.duplicates)} duplicated, ${n(i.outOfOrder)} out of a sender's order${ids ? `, ${n(i.idsOutOfOrder)} arriving below an id already read in the chat` : ""} (${i.runs} runs)`;

function sustainedText(s: Sustained, steps: Step[]): string {
  if (s.rate === null)
    return steps.length
      ? `none (the lowest step, ${n(Math.min(...steps.map((x) => x.offeredRate)))} msg/s, failed)`
      : "not measured";
  const top = steps.length && steps.every((x) => x.passed) ? " (the highest step; more was not tried)" : "";
  return `${n(s.rate)} msg/s (${n(s.delivered ?? 0)} delivered/s)${top}`;
}

export function targetsOf(r: Results): Target[] {
  const stu = r.systems.find((s) => s.name === "stu")!;
  const peer = r.systems.find((s) => s.name !== "stu");
  const at1000 = (s: SystemResults | undefined) =>
    s?.fixedRate.find((p) => p.name === "1:1 dialogs @ 1000 msg/s");
  const p99At1000 = (s: SystemResults | undefined) => {
    const p = at1000(s);
    if (!p) return { value: null as number | null, text: "not measured", ok: false };
    const clean = !p.aborted && p.missingDeliveries === 0 && p.lostAcks === 0 && p.rejected === 0;
    return {
      value: p.deliverLatency.p99,
      text: `${fmtMs(p.deliverLatency.p99)}${clean ? "" : ` (${p.aborted ? "aborted: saturated" : "messages lost, refused or late"})`}`,
      ok: clean,
    };
  };
  const stuAt = p99At1000(stu);
  const peerAt = peer ? p99At1000(peer) : undefined;
  const h = r.history;
  const c = h?.concurrent;
  const stuInt = integrity(stu);
  const peerInt = peer ? integrity(peer) : undefined;
  const ratio = peer?.sustained.rate && stu.sustained.rate ? stu.sustained.rate / peer.sustained.rate : null;
  const peerName = peer?.name ?? "the peer";
  const rows: Target[] = [
    {
      metric: "1:1 stored-and-delivered msg/s sustained with p99 send→recipient < 100 ms",
      target: "≥ 3,000 msg/s",
      measured: sustainedText(stu.sustained, stu.steps),
      met: stu.sustained.rate !== null && stu.sustained.rate >= 3000,
      peer: peer ? sustainedText(peer.sustained, peer.steps) : undefined,
      lead: peer ? leadOf(stu.sustained.rate, peer.sustained.rate, true) : undefined,
    },
    {
      metric: `… and against ${peerName}'s sustained rate in the same run, same load`,
      target: "≥ 2×",
      measured: peer
        ? ratio === null
          ? "no ratio (a system passed no step)"
          : `${ratio.toFixed(2)}×`
        : "no peer in this run",
      met: peer ? ratio !== null && ratio >= 2 : null,
    },
    {
      metric: "p99 send→recipient, 1:1 dialogs at 1,000 msg/s",
      target: "≤ 25 ms",
      measured: stuAt.text,
      met: stuAt.value === null ? null : stuAt.ok && stuAt.value <= 25,
      peer: peerAt?.text,
      lead: peer ? leadOf(stuAt.ok ? stuAt.value : null, peerAt?.ok ? peerAt.value : null, false) : undefined,
    },
    {
      metric: `${stu.setup.groupSize}-member groups, stored-and-delivered msg/s sustained (p99 < 100 ms)`,
      target: "≥ 1,000 msg/s (50,000 deliveries/s)",
      measured: sustainedText(stu.groupSustained, stu.groupSteps),
      met: stu.groupSteps.length ? (stu.groupSustained.rate ?? 0) >= 1000 : null,
      peer: peer
        ? peer.groupSteps.length
          ? sustainedText(peer.groupSustained, peer.groupSteps)
          : "not measured"
        : undefined,
      lead: peer ? leadOf(stu.groupSustained.rate, peer.groupSustained.rate, true) : undefined,
    },
    {
      metric: `history page p99 (limit 50, random before_id), one request at a time, ${n(h?.messages ?? 0)} messages`,
      target: "≤ 5 ms",
      measured: h ? fmtMs(h.beforeId.p99) : "not measured",
      met: h ? h.beforeId.p99 <= 5 : null,
    },
    {
      metric: `history pages under ${c?.readers ?? 200} concurrent readers`,
      target: "throughput and p99 reported",
      measured: c
        ? `${n(c.requestsPerSecond)} pages/s, p50 ${fmtMs(c.latency.p50)}, p99 ${fmtMs(c.latency.p99)}${Object.keys(c.errors).length ? `, errors ${JSON.stringify(c.errors)}` : ""}`
        : "not measured",
      met: null,
    },
    {
      metric: "memory per idle socket (server RSS)",
      target: "≤ 10 KiB",
      measured: stu.idle
        ? `${stu.idle.perSocketKiB.toFixed(1)} KiB of RSS (${n(stu.idle.sockets)} sockets; largest estimate ${(stu.idle.worstPerSocketKiB ?? stu.idle.perSocketKiB).toFixed(1)} KiB)`
        : "not measured",
      met: stu.idle ? (stu.idle.worstPerSocketKiB ?? stu.idle.perSocketKiB) <= 10 : null,
      peer: peer
        ? peer.idle
          ? `${peer.idle.perSocketKiB.toFixed(1)} KiB (${n(peer.idle.sockets)} sessions)`
          : "not measured"
        : undefined,
      lead: peer ? leadOf(stu.idle?.perSocketKiB, peer.idle?.perSocketKiB, false) : undefined,
    },
    {
      metric: "server idle RSS, beside the peer's",
      target: "reported",
      measured: stu.idle ? `${n(Math.round(stu.idle.idleRssKiB / 1024))} MiB` : "not measured",
      met: null,
      peer: peer
        ? peer.idle
          ? `${n(Math.round(peer.idle.idleRssKiB / 1024))} MiB`
          : "not measured"
        : undefined,
      lead: peer ? leadOf(stu.idle?.idleRssKiB, peer.idle?.idleRssKiB, false) : undefined,
    },
    {
      metric: "acknowledged messages lost or duplicated, per-chat order, over every run",
      target: "none",
      measured: integrityText(stuInt, true),
      met:
        stuInt.ackedNotStored +
          stuInt.ackedNotDelivered +
          stuInt.duplicates +
          stuInt.outOfOrder +
          stuInt.idsOutOfOrder ===
        0,
      peer: peerInt ? integrityText(peerInt, false) : undefined,
    },
  ];
  return rows;
}

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

/** Text from a system (e.g. "<a h=…/>") must not turn into HTML on the page. */
const html = (text: string) => text.replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const met = (m: boolean | null) => (m === null ? "–" : m ? "yes" : "**no**");
const cell = (text: string) => text.replaceAll("|", "\\|");

export function targetTable(targets: Target[]): string {
  const withPeer = targets.some((t) => t.peer !== undefined);
  return alignTables(
    [
      withPeer
        ? "| target | threshold | stu | met? | peer | stu's lead (×, > 1 = stu better) |"
        : "| target | threshold | stu | met? |",
      withPeer ? "| --- | --- | --- | --- | --- | --- |" : "| --- | --- | --- | --- |",
      ...targets.map(
        (t) =>
          `| ${cell(t.metric)} | ${t.target} | ${cell(t.measured)} | ${met(t.met)} |${withPeer ? ` ${cell(t.peer ?? "")} | ${t.lead ?? ""} |` : ""}`,
      ),
    ].join("\n"),
  );
}

function phaseRow(p: MeasuredPhase | Step): string {
  const lost = p.lostAcks + p.rejected;
  const receipts = p.counters.receiptsSent;
  const notes = [
    p.aborted ? `aborted: ${p.aborted}` : "",
    Object.keys(p.errors).length ? `errors ${JSON.stringify(p.errors)}` : "",
    Object.entries(p.counters)
      .filter(([k, v]) => k.startsWith("error:") && v > 0)
      .map(([k, v]) => `${k.slice(6)} ×${v} (not for a message)`)
      .join(", "),
    p.duplicateDeliveries + p.duplicateAcks ? `${p.duplicateDeliveries + p.duplicateAcks} duplicates` : "",
    p.outOfOrder ? `${p.outOfOrder} out of order` : "",
    p.quietWaitMs > 1000 ? `waited ${r1(p.quietWaitMs / 1000)} s for a quiet machine` : "",
    "why" in p ? p.why : "",
  ]
    .filter(Boolean)
    .join("; ");
  const cpm = commitsPerMessage(p);
  return [
    p.name,
    n(p.offeredRate),
    n(p.achievedSendRate),
    n(p.deliveredRate),
    `${fmtMs(p.ackLatency.p50)} / ${fmtMs(p.ackLatency.p99)}`,
    `${fmtMs(p.deliverLatency.p50)} / ${fmtMs(p.deliverLatency.p95)} / ${fmtMs(p.deliverLatency.p99)}`,
    p.aborted ? "(included)" : fmtMs(p.settleDeliverLatency.p99),
    `${n(p.sent)} / ${n(p.stored)} / ${n(lost)}`,
    n(p.missingDeliveries),
    receipts === undefined ? "–" : n(receipts),
    `${p.cpu.serverPct}% / ${p.cpu.postgresPct}% / ${p.cpu.benchPct}% / ${p.cpu.otherPct}%`,
    `${r1(cpuMsPerMessage(p))}`,
    cpm === null ? "–" : cpm.toFixed(2),
    `${p.cpu.machinePct}% / ${p.cpu.loadAverage}`,
    p.server ? `${fmtMs(p.server.gcMaxMs)} / ${fmtMs(p.server.loopDelayMaxMs)}` : "–",
    "passed" in p ? (p.passed ? "pass" : "**fail**") : "",
    notes,
  ].join(" | ");
}

const PHASE_HEADER = [
  "| run | offered msg/s | sent msg/s | delivered msg/s | send→ACK p50 / p99 | send→recipient p50 / p95 / p99 | first seconds: send→recipient p99 | sent / stored / not ACKed | deliveries missing | receipts sent | CPU server / postgres / bench / other | CPU ms per message (server + postgres) | write transactions per message | machine busy / load avg | server GC max / event-loop delay max | step | notes |",
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
];

/** One row per run name, the two systems side by side with stu's lead. */
function sideBySide(stu: SystemResults, peer: SystemResults): string[] {
  // 1:1 steps, 1:1 fixed rates, group steps; each by rate.
  const names: string[] = [];
  const kinds = [
    (x: SystemResults) => x.steps,
    (x: SystemResults) => x.fixedRate,
    (x: SystemResults) => x.groupSteps,
  ];
  for (const pick of kinds) {
    const runs = [...pick(stu), ...pick(peer)].sort((a, b) => a.offeredRate - b.offeredRate);
    for (const p of runs) if (!names.includes(p.name)) names.push(p.name);
  }
  const find = (s: SystemResults, name: string) => allRuns(s).find((p) => p.name === name);
  const verdict = (p: MeasuredPhase | undefined) => (p && "passed" in p ? (p.passed ? "pass" : "fail") : "–");
  const rows = names.map((name) => {
    const a = find(stu, name);
    const b = find(peer, name);
    const v = (p: MeasuredPhase | undefined, f: (p: MeasuredPhase) => string) => (p ? f(p) : "–");
    return [
      name,
      `${v(a, (p) => n(p.deliveredRate))} / ${v(b, (p) => n(p.deliveredRate))}`,
      leadOf(a?.deliveredRate, b?.deliveredRate, true),
      `${v(a, (p) => fmtMs(p.deliverLatency.p99))} / ${v(b, (p) => fmtMs(p.deliverLatency.p99))}`,
      leadOf(a?.deliverLatency.p99, b?.deliverLatency.p99, false),
      `${v(a, (p) => `${r1(p.cpu.serverPct + p.cpu.postgresPct)}%`)} / ${v(b, (p) => `${r1(p.cpu.serverPct + p.cpu.postgresPct)}%`)}`,
      `${v(a, (p) => String(r1(cpuMsPerMessage(p))))} / ${v(b, (p) => String(r1(cpuMsPerMessage(p))))}`,
      leadOf(a ? cpuMsPerMessage(a) : null, b ? cpuMsPerMessage(b) : null, false),
      `${v(a, (p) => `${p.cpu.machinePct}%`)} / ${v(b, (p) => `${p.cpu.machinePct}%`)}`,
      `${verdict(a)} / ${verdict(b)}`,
    ].join(" | ");
  });
  return [
    `| run | delivered msg/s (stu / ${peer.name}) | lead | p99 send→recipient | lead | CPU server + PostgreSQL | CPU ms per message | lead | machine busy | step |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r} |`),
  ];
}

function idleBlock(s: SystemResults): string[] {
  if (!s.idle) return [`${s.name}: not measured.`];
  const i = s.idle.detail as IdleResult | undefined;
  const head = `**${s.name}**: ${n(s.idle.sockets)} idle connections, **${s.idle.perSocketKiB} KiB** per connection; server idle RSS ${n(s.idle.idleRssKiB)} KiB.`;
  if (s.name !== "stu" || !i?.readings)
    return [
      head,
      ...(s.idle.detail ? ["", `Detail: \`${JSON.stringify(s.idle.detail).slice(0, 600)}\``] : []),
    ];
  return [
    head,
    "",
    `${n(i.sockets)} authenticated, silent sockets (spread over ${n(i.users)} users' sessions) opened in ${i.openSeconds} s on the freshly started server, in five chunks. Server VmRSS (from /proc) read after a forced full GC:`,
    "",
    "| open sockets | VmRSS after GC | VmRSS before GC | JS heap used | JS heap total |",
    "| --- | --- | --- | --- | --- |",
    ...[...i.readings, { ...i.afterClose, sockets: -1 }].map(
      (x) =>
        `| ${x.sockets < 0 ? "0 (all closed again)" : n(x.sockets)} | ${n(x.rssKiB)} KiB | ${n(x.rawRssKiB)} KiB | ${n(x.heapUsedKiB)} KiB | ${n(x.heapTotalKiB)} KiB |`,
    ),
    "",
    `Per socket = (RSS with all ${n(i.sockets)} open − RSS after closing them) / ${n(i.sockets)}; the marginal cost (least-squares slope over the readings with sockets open) is ${i.slopeKiB} KiB, the JS heap grew by ${i.perSocketHeapKiB} KiB per socket, and (RSS after opening − RSS before) / ${n(i.sockets)} gives ${i.perSocketBeforeAfterKiB} KiB. The idle RSS is the first reading (no bench socket open, after a full GC).`,
  ];
}

function historyBlock(h: HistoryResult | null): string[] {
  if (!h) return ["Not measured."];
  const c = h.concurrent;
  return [
    `${n(h.messages)} messages in one chat of two members, seeded with INSERT … SELECT generate_series in chunks of ${n(h.chunk)} rows on ${h.parallel} connection(s) at once in **${h.seedSeconds.toFixed(1)} s** (rows ${h.insertSeconds.toFixed(1)} s, indexes ${h.indexes === "rebuilt" ? `dropped and created again: ${h.indexSeconds.toFixed(1)} s` : "kept during the insert"}, VACUUM ANALYZE ${h.vacuumSeconds.toFixed(1)} s; table ${n(h.tableMiB)} MiB, indexes ${n(h.indexesMiB)} MiB: ${h.indexNames.join(", ")}). GET /v1/chats/{id}/messages?limit=50, one request at a time:`,
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
        `| ${name} | ${n(s.count)} | ${fmtMs(s.p50)} | ${fmtMs(s.p95)} | ${fmtMs(s.p99)} | ${fmtMs(s.max)} |`,
    ),
    "",
    c
      ? `Under ${c.readers} concurrent readers (each its own keep-alive connection, the next request as soon as the last answer arrived, random before_id, ${c.durationS} s after a warm-up): **${n(c.requestsPerSecond)} pages/s**, latency p50 ${fmtMs(c.latency.p50)} / p95 ${fmtMs(c.latency.p95)} / p99 ${fmtMs(c.latency.p99)} / max ${fmtMs(c.latency.max)} over ${n(c.requests)} requests; errors ${JSON.stringify(c.errors)}, short pages ${c.shortPages}; CPU server ${c.cpu.serverPct}%, postgres ${c.cpu.postgresPct}%, bench ${c.cpu.benchPct}%, machine ${c.cpu.machinePct}%.`
      : "Concurrent readers: not measured.",
  ];
}

export function markdownBlock(r: Results): string {
  const stu = r.systems.find((s) => s.name === "stu")!;
  const peer = r.systems.find((s) => s.name !== "stu");
  const lines = [
    `Run of ${r.date} (${Math.round(r.durationSeconds)} s) on commit ${r.git.commit}${r.git.changedFiles.length ? ` with ${r.git.changedFiles.length} uncommitted change(s) outside bench/ and docs/` : ""}: Node ${r.environment.node}, ${r.environment.cpus} × ${r.environment.cpuModel}, ${n(r.environment.memoryMiB)} MiB RAM, ${r.environment.platform}. ${r.systems.map((s) => s.version).join("; ")}. Servers, their PostgreSQL and the load generator share the machine${peer ? `; stu and ${peer.name} ran alternately, run by run, with the same users, pairs, groups, rates and durations` : ""}.`,
    "",
    targetTable(r.targets),
    "",
  ];
  if (peer)
    lines.push(
      "### Side by side",
      "",
      `Each cell is stu / ${peer.name}. "lead" is stu's advantage as a factor (> 1: stu better: a higher rate, a lower latency or cost); "–" where a system did not run that step (it had failed a lower one) or the value is not comparable. CPU is % of one core (200% = both cores); "machine busy" counts everything on the machine.`,
      "",
      ...sideBySide(stu, peer),
      "",
    );
  lines.push(
    "### What the acknowledgements mean",
    "",
    ...r.systems.flatMap((s) => [
      `- **${s.name}** — sender's ACK: ${html(s.ackMeaning)} Delivery: ${html(s.deliveryAckMeaning)}`,
    ]),
    "",
  );
  for (const s of r.systems) {
    lines.push(
      `### ${s.name}: every run`,
      "",
      `Latencies are measured from each message's scheduled send time. Each run lasts ${Number(r.config.settleMs) / 1000} + ${Number(r.config.stepDurationMs) / 1000} s at its rate; the messages due in its first ${Number(r.config.settleMs) / 1000} s are left out of the latency columns and shown apart ("first seconds"), except in runs aborted as saturated, where every message counts. Loss always counts every message. "write transactions per message": the transaction ids PostgreSQL assigned during the run (each ends in a WAL flush at commit; read-only transactions take none) divided by the messages sent — receipts included.`,
      "",
      ...PHASE_HEADER,
      ...allRuns(s).map((p) => `| ${phaseRow(p)} |`),
      "",
      `Highest sustained 1:1 rate: ${sustainedText(s.sustained, s.steps)}; groups: ${sustainedText(s.groupSustained, s.groupSteps)}. Idle CPU with the ${n(Number(s.setup.users ?? 0))} load clients connected: ${s.idleCpuWithLoadClients ? `server ${s.idleCpuWithLoadClients.serverPct}%, postgres ${s.idleCpuWithLoadClients.postgresPct}%` : "–"}. Server RSS ${n(s.rssKiB.start)} KiB at the start, ${n(s.rssKiB.end)} KiB at the end.${s.serverLogProblems ? ` Server log lines that look like problems: ${s.serverLogProblems.count}.` : ""}`,
      "",
    );
  }
  lines.push("### Idle connections", "", ...r.systems.flatMap((s) => [...idleBlock(s), ""]));
  lines.push("### History (stu)", "", ...historyBlock(r.history));
  lines.push("", "### Search (stu)", "", ...searchBlock(r.search));
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
