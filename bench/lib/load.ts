import WebSocket from "ws";
import { Samples, type Summary, summarize } from "./stats.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One client socket; frames go to `onFrame` with the time they were read. */
export class BenchSocket {
  private constructor(
    readonly ws: WebSocket,
    readonly userId: number,
  ) {}

  static open(
    baseUrl: string,
    token: string,
    userId: number,
    onFrame: (frame: string, at: number) => void,
    timeoutMs = 15_000,
  ): Promise<BenchSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/ws?token=${encodeURIComponent(token)}`, {
      perMessageDeflate: false,
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error("no hello within the timeout"));
      }, timeoutMs);
      ws.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.on("close", (code, reason) => {
        clearTimeout(timer);
        reject(new Error(`closed before hello: ${code} ${reason.toString()}`));
      });
      let greeted = false;
      ws.on("message", (data) => {
        const at = performance.now();
        const text = data.toString();
        if (!greeted) {
          if (!text.startsWith('{"type":"hello"')) return;
          greeted = true;
          clearTimeout(timer);
          ws.removeAllListeners("close");
          ws.removeAllListeners("error");
          ws.on("error", () => {});
          resolve(new BenchSocket(ws, userId));
          return;
        }
        onFrame(text, at);
      });
    });
  }

  send(frame: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 5000);
      this.ws.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close();
    });
  }
}

/** Opens sockets `parallel` at a time. */
export async function openMany<T>(
  items: T[],
  open: (item: T, index: number) => Promise<BenchSocket>,
  parallel = 100,
): Promise<BenchSocket[]> {
  const out: BenchSocket[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await open(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return out;
}

export async function closeMany(sockets: BenchSocket[], parallel = 500): Promise<void> {
  for (let i = 0; i < sockets.length; i += parallel)
    await Promise.all(sockets.slice(i, i + parallel).map((s) => s.close()));
}

type Pending = {
  intended: number;
  expected: number;
  received: number;
  acked: boolean;
  /** false while the run settles: latency goes to the settle samples, loss still counts. */
  recorded: boolean;
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
  aborted: string | null;
};

/** Matches ACKs and deliveries to the messages sent, by temp_id. */
export class Tracker {
  private readonly pending = new Map<string, Pending>();
  stray = 0;
  otherFrames: Record<string, number> = {};

  readonly onFrame = (text: string, at: number): void => {
    let frame: { type?: string; temp_id?: string; code?: string; message?: { temp_id?: string | null } };
    try {
      frame = JSON.parse(text);
    } catch {
      this.count("unparseable");
      return;
    }
    switch (frame.type) {
      case "message_sent": {
        const p = frame.temp_id ? this.pending.get(frame.temp_id) : undefined;
        if (!p || p.acked) {
          this.stray += 1;
          return;
        }
        p.acked = true;
        p.phase.acked += 1;
        (p.recorded ? p.phase.ack : p.phase.settleAck).push(at - p.intended);
        this.settle(frame.temp_id!, p, at);
        return;
      }
      case "new_message": {
        const tempId = frame.message?.temp_id;
        const p = tempId ? this.pending.get(tempId) : undefined;
        if (!p) {
          this.stray += 1;
          return;
        }
        p.received += 1;
        p.phase.deliveries += 1;
        (p.recorded ? p.phase.deliver : p.phase.settleDeliver).push(at - p.intended);
        this.settle(tempId!, p, at);
        return;
      }
      case "error": {
        const p = frame.temp_id ? this.pending.get(frame.temp_id) : undefined;
        const code = frame.code ?? "unknown";
        if (p) {
          p.phase.errors[code] = (p.phase.errors[code] ?? 0) + 1;
          p.phase.failed += 1;
          this.pending.delete(frame.temp_id!);
        } else this.count(`error:${code}`);
        return;
      }
      default:
        this.count(frame.type ?? "untyped");
    }
  };

  private count(key: string): void {
    this.otherFrames[key] = (this.otherFrames[key] ?? 0) + 1;
  }

  private settle(tempId: string, p: Pending, at: number): void {
    if (!p.acked || p.received < p.expected) return;
    this.pending.delete(tempId);
    p.phase.complete += 1;
    p.phase.lastCompleteAt = at;
  }

  track(tempId: string, intended: number, expected: number, phase: Phase, recorded: boolean): void {
    this.pending.set(tempId, { intended, expected, received: 0, acked: false, recorded, phase });
  }

  /** Forgets what is still pending for a phase (counted as lost by the caller). */
  drop(phase: Phase): void {
    for (const [tempId, p] of this.pending) if (p.phase === phase) this.pending.delete(tempId);
  }
}

export type Sender = { socket: BenchSocket; chatId: number; recipients: number };

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
      const tempId = `${phase.tag}-${k}`;
      tracker.track(tempId, intended, sender.recipients, phase, intended >= phase.t0 + phase.settleMs);
      phase.expectedDeliveries += sender.recipients;
      sender.socket.send({
        type: "send_message",
        temp_id: tempId,
        conversation_id: sender.chatId,
        text: `bench ${tempId} ${FILLER}`,
      });
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
    aborted: phase.aborted,
  };
}
