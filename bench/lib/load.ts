import type { BenchClient, LoadEvents, SendTarget } from "./client.ts";
import { Samples, type Summary, summarize } from "./stats.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Pending = {
  intended: number;
  expected: number;
  received: number;
  acked: boolean;
  done: boolean;
  /** false while the run settles: latency goes to the settle samples, loss still counts. */
  recorded: boolean;
  sender: number;
  /** Position in the run's schedule: one sender's messages to one chat go out in this order. */
  seq: number;
  /** Recipients seen so far, while more are expected (groups). */
  seen: Set<number> | null;
  phase: Phase;
};

/** Everything measured for one fixed-rate run. */
export class Phase {
  readonly ack = new Samples();
  readonly deliver = new Samples();
  /** send→recipient of the messages due in the first settleMs (not in `deliver`). */
  readonly settleDeliver = new Samples();
  readonly settleAck = new Samples();
  /** How late this process actually sent each message against its schedule (its own lag). */
  readonly sendLag = new Samples();
  sent = 0;
  acked = 0;
  failed = 0;
  deliveries = 0;
  expectedDeliveries = 0;
  complete = 0;
  lastCompleteAt = 0;
  errors: Record<string, number> = {};
  /** Deliveries of a message to a recipient that already had it, and ACKs after the first. */
  duplicateDeliveries = 0;
  duplicateAcks = 0;
  /** A recipient got a sender's message before one that sender sent earlier to the same chat. */
  outOfOrder = 0;
  /** Messages ACKed to their sender that some recipient had not got when the run was over. */
  ackedNotDelivered = 0;
  /** Last seq delivered per (recipient, sender). */
  readonly lastSeq = new Map<number, number>();
  aborted: string | null = null;
  t0 = 0;
  sendWindowMs = 0;

  constructor(
    readonly name: string,
    readonly tag: string,
    readonly rate: number,
    readonly durationMs: number,
    /** The first part of the run, kept out of the latency figures (connection pool growth, JIT). */
    readonly settleMs = 0,
  ) {}
}

export type PhaseResult = {
  name: string;
  offeredRate: number;
  durationS: number;
  sent: number;
  acked: number;
  rejected: number;
  lostAcks: number;
  expectedDeliveries: number;
  deliveries: number;
  missingDeliveries: number;
  achievedSendRate: number;
  deliveredRate: number;
  ackLatency: Summary;
  deliverLatency: Summary;
  settleMs: number;
  settleDeliverLatency: Summary;
  benchSendLag: Summary;
  errors: Record<string, number>;
  duplicateDeliveries: number;
  duplicateAcks: number;
  outOfOrder: number;
  ackedNotDelivered: number;
  aborted: string | null;
};

/** Matches ACKs and deliveries to the messages sent, by their id (the LoadEvents of every client). */
export class Tracker implements LoadEvents {
  private readonly pending = new Map<string, Pending>();
  /** Events for ids the tracker does not know (of no run, or of a run already over). */
  stray = 0;

  ack(id: string, at: number): void {
    const p = this.pending.get(id);
    if (!p) {
      this.stray += 1;
      return;
    }
    if (p.acked) {
      p.phase.duplicateAcks += 1;
      return;
    }
    p.acked = true;
    p.phase.acked += 1;
    (p.recorded ? p.phase.ack : p.phase.settleAck).push(at - p.intended);
    this.settle(p, at);
  }

  deliver(id: string, at: number, recipient?: number): void {
    const p = this.pending.get(id);
    if (!p) {
      this.stray += 1;
      return;
    }
    const phase = p.phase;
    if (p.received >= p.expected || (recipient !== undefined && p.seen?.has(recipient))) {
      phase.duplicateDeliveries += 1;
      return;
    }
    p.received += 1;
    if (recipient !== undefined) {
      if (p.expected > 1 && p.received < p.expected) {
        p.seen ??= new Set();
        p.seen.add(recipient);
      } else p.seen = null;
      // One sender's messages (to its one chat of this run) reach each recipient in send order.
      const key = recipient * 1_000_000 + p.sender;
      const last = phase.lastSeq.get(key) ?? -1;
      if (p.seq < last) phase.outOfOrder += 1;
      else phase.lastSeq.set(key, p.seq);
    }
    phase.deliveries += 1;
    (p.recorded ? phase.deliver : phase.settleDeliver).push(at - p.intended);
    this.settle(p, at);
  }

  fail(id: string, code: string): void {
    const p = this.pending.get(id);
    if (!p || p.done) {
      this.stray += 1;
      return;
    }
    p.phase.errors[code] = (p.phase.errors[code] ?? 0) + 1;
    p.phase.failed += 1;
    // A refused message is not expected anywhere: it is counted as rejected, not as missing.
    p.phase.expectedDeliveries -= p.expected - p.received;
    p.done = true;
  }

  private settle(p: Pending, at: number): void {
    if (p.done || !p.acked || p.received < p.expected) return;
    p.done = true;
    p.seen = null;
    p.phase.complete += 1;
    p.phase.lastCompleteAt = at;
  }

  track(
    id: string,
    m: { intended: number; expected: number; sender: number; seq: number; phase: Phase; recorded: boolean },
  ): void {
    this.pending.set(id, { ...m, received: 0, acked: false, done: false, seen: null });
  }

  /** Forgets a run's messages, counting those ACKed but not delivered to every recipient. */
  drop(phase: Phase): void {
    for (const [id, p] of this.pending)
      if (p.phase === phase) {
        if (p.acked && p.received < p.expected) phase.ackedNotDelivered += 1;
        this.pending.delete(id);
      }
  }
}

/** Who sends a run's messages: the client, where to, and how many recipients each has. */
export type Sender = { client: BenchClient; target: SendTarget; recipients: number };

function both(a: Samples, b: Samples): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a.values());
  out.set(b.values(), a.length);
  return out;
}

const FILLER = "lorem ipsum dolor sit amet, consectetur adipiscing elit";

/**
 * Open-loop load: message k is due at t0 + k/rate and goes out on sender k mod n, whatever happened
 * to earlier messages, and latency is measured from that due time (no coordinated omission).
 */
export async function runFixedRate(
  tracker: Tracker,
  phase: Phase,
  senders: Sender[],
  options: { maxBacklogSeconds?: number; drainMs?: number } = {},
): Promise<PhaseResult> {
  const total = Math.round((phase.rate * phase.durationMs) / 1000);
  const interval = 1000 / phase.rate;
  const backlogSeconds = options.maxBacklogSeconds ?? 1;
  const maxBacklog = Math.max(100, phase.rate * backlogSeconds);
  phase.t0 = performance.now() + 20;
  let k = 0;
  let lastSendAt = phase.t0;
  while (k < total) {
    const now = performance.now();
    while (k < total && phase.t0 + k * interval <= now) {
      const intended = phase.t0 + k * interval;
      const sender = senders[k % senders.length]!;
      const id = `${phase.tag}-${k}`;
      tracker.track(id, {
        intended,
        expected: sender.recipients,
        sender: sender.client.index,
        seq: k,
        phase,
        recorded: intended >= phase.t0 + phase.settleMs,
      });
      phase.expectedDeliveries += sender.recipients;
      sender.client.send(id, sender.target, `bench ${id} ${FILLER}`);
      phase.sent += 1;
      lastSendAt = performance.now();
      phase.sendLag.push(lastSendAt - intended);
      k += 1;
    }
    const outstanding = phase.sent - phase.acked - phase.failed;
    if (outstanding > maxBacklog) {
      phase.aborted = `${outstanding} messages without ACK after ${((now - phase.t0) / 1000).toFixed(1)} s: server saturated`;
      break;
    }
    await sleep(1);
  }
  phase.sendWindowMs = lastSendAt - phase.t0;

  const drainUntil = performance.now() + (options.drainMs ?? 10_000);
  while (phase.complete + phase.failed < phase.sent && performance.now() < drainUntil) await sleep(20);
  tracker.drop(phase);

  const durationS = Math.max(phase.sendWindowMs, interval) / 1000;
  const completedIn = Math.max(phase.lastCompleteAt - phase.t0, phase.sendWindowMs, interval) / 1000;
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return {
    name: phase.name,
    offeredRate: phase.rate,
    durationS: r1(durationS),
    sent: phase.sent,
    acked: phase.acked,
    rejected: phase.failed,
    lostAcks: phase.sent - phase.acked - phase.failed,
    expectedDeliveries: phase.expectedDeliveries,
    deliveries: phase.deliveries,
    missingDeliveries: phase.expectedDeliveries - phase.deliveries,
    achievedSendRate: r1(phase.sent / durationS),
    deliveredRate: r1(phase.complete / completedIn),
    // A run aborted before or soon after it settled has (almost) no settled samples: use them all.
    ackLatency: summarize(phase.aborted ? both(phase.settleAck, phase.ack) : phase.ack.values()),
    deliverLatency: summarize(
      phase.aborted ? both(phase.settleDeliver, phase.deliver) : phase.deliver.values(),
    ),
    settleMs: phase.settleMs,
    settleDeliverLatency: summarize(phase.settleDeliver.values()),
    benchSendLag: summarize(phase.sendLag.values()),
    errors: phase.errors,
    duplicateDeliveries: phase.duplicateDeliveries,
    duplicateAcks: phase.duplicateAcks,
    outOfOrder: phase.outOfOrder,
    ackedNotDelivered: phase.ackedNotDelivered,
    aborted: phase.aborted,
  };
}
