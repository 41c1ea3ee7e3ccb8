import WebSocket from "ws";
import type { BenchClient, LoadEvents, SendTarget } from "./client.ts";

const DELIVERED_PREFIX = Buffer.from('{"type":"delivered"');
const isDeliveredFrame = (data: Buffer) =>
  data.length > DELIVERED_PREFIX.length &&
  data.compare(DELIVERED_PREFIX, 0, DELIVERED_PREFIX.length, 0, DELIVERED_PREFIX.length) === 0;

/** One client socket; frames go to `onFrame` with the time they were read. */
export class BenchSocket {
  private constructor(readonly ws: WebSocket) {}

  static open(
    baseUrl: string,
    token: string,
    onFrame: (frame: string, at: number) => void,
    timeoutMs = 15_000,
    onDelivered?: () => void,
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
      ws.on("message", (data: Buffer) => {
        const at = performance.now();
        // Receipt frames are the most numerous in groups (every member's mark goes to all 50):
        // counted from their first bytes, without making a string of them.
        if (greeted && onDelivered && isDeliveredFrame(data)) {
          onDelivered();
          return;
        }
        const text = data.toString();
        if (!greeted) {
          if (!text.startsWith('{"type":"hello"')) return;
          greeted = true;
          clearTimeout(timer);
          ws.removeAllListeners("close");
          ws.removeAllListeners("error");
          ws.on("error", () => {});
          resolve(new BenchSocket(ws));
          return;
        }
        onFrame(text, at);
      });
    });
  }

  send(frame: Record<string, unknown>): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
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

/** Opens `parallel` at a time. */
export async function openMany<T, S>(
  items: T[],
  open: (item: T, index: number) => Promise<S>,
  parallel = 100,
): Promise<S[]> {
  const out: S[] = new Array(items.length);
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

export async function closeMany(sockets: Array<{ close(): Promise<void> }>, parallel = 500): Promise<void> {
  for (let i = 0; i < sockets.length; i += parallel)
    await Promise.all(sockets.slice(i, i + parallel).map((s) => s.close()));
}

/** Counters shared by all of a run's stu clients (cumulative; the report shows differences). */
export type StuCounters = {
  receiptsSent: number;
  /** `delivered` frames the server sent out (to the sender and the other members) and we read. */
  receiptFramesIn: number;
  /** new_message ids of a chat that arrived lower than one already read on the same socket. */
  idsOutOfOrder: number;
  /** Errors without a temp_id (they answer a `delivered` frame), by code. */
  [key: `error:${string}`]: number;
};

/**
 * How a recipient acknowledges delivery, as lib/client/realtime.ts does: a `delivered` frame for
 * the message it read. In a dialog that is one frame per new_message. A 50-member group brings a
 * member far more messages than the server's 30 frames/s per socket allow, so there a member
 * coalesces: at most one `delivered` per chat every `groupWindowMs`, for the highest id read by
 * then (the first message after a quiet window is acknowledged at once, later ones when the
 * window ends) — the mark is a high-water mark, so one frame acknowledges everything below it.
 */
export type ReceiptPolicy = { groupWindowMs: number };
export const RECEIPT_POLICY: ReceiptPolicy = { groupWindowMs: 100 };

type ChatReceipts = { lastSentAt: number; pendingId: number; timer: NodeJS.Timeout | null };

export type StuRoutes = {
  /** chat id of user i's dialog with partnerOf(i), by user index i */
  dialogOf: (user: number) => number;
  /** chat id of group g */
  groupChat: (group: number) => number;
  isGroupChat: (chatId: number) => boolean;
};

// The frames the bench reads most are parsed by hand: at thousands of deliveries per second,
// JSON.parse of every new_message would make the load generator the bottleneck. Anything not in
// the expected shape goes through JSON.parse.
function stringField(text: string, key: string, from = 0): string | undefined {
  const at = text.indexOf(`"${key}":"`, from);
  if (at < 0) return undefined;
  const start = at + key.length + 4;
  const end = text.indexOf('"', start);
  return end < 0 ? undefined : text.slice(start, end);
}

function intField(text: string, key: string, from = 0): number | undefined {
  const at = text.indexOf(`"${key}":`, from);
  if (at < 0) return undefined;
  let i = at + key.length + 3;
  let n = 0;
  const start = i;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return i > start ? n : undefined;
}

type Parsed = { type: string; tempId?: string; chatId?: number; messageId?: number; code?: string };

export function parseFrame(text: string): Parsed {
  if (text.startsWith('{"type":"delivered"')) return { type: "delivered" };
  if (text.startsWith('{"type":"new_message"') || text.startsWith('{"type":"message_sent"')) {
    // The message object's first key is its id (lib/messages/serialize.ts).
    const message = text.indexOf('"message":{"id":');
    const chatId = intField(text, "conversation_id");
    const messageId = message < 0 ? undefined : intField(text, "id", message + 11);
    const tempId = message < 0 ? undefined : stringField(text, "temp_id", message);
    if (chatId !== undefined && messageId !== undefined && tempId !== undefined && !tempId.includes("\\"))
      return {
        type: text.startsWith('{"type":"n') ? "new_message" : "message_sent",
        chatId,
        messageId,
        tempId,
      };
  }
  try {
    const frame = JSON.parse(text) as {
      type?: string;
      temp_id?: string;
      code?: string;
      conversation_id?: number;
      message?: { id?: number; temp_id?: string | null };
    };
    return {
      type: frame.type ?? "untyped",
      tempId: frame.temp_id ?? frame.message?.temp_id ?? undefined,
      chatId: frame.conversation_id,
      messageId: frame.message?.id,
      code: frame.code,
    };
  } catch {
    return { type: "unparseable" };
  }
}

/** A stu user over its WebSocket, speaking the contract's frames. */
export class StuClient implements BenchClient {
  private socket!: BenchSocket;
  private readonly receipts = new Map<number, ChatReceipts>();
  private readonly lastId = new Map<number, number>();
  private closed = false;

  private constructor(
    readonly index: number,
    private readonly events: LoadEvents,
    private readonly routes: StuRoutes,
    private readonly counters: StuCounters,
    private readonly otherFrames: Record<string, number>,
    private readonly policy: ReceiptPolicy,
  ) {}

  static async open(options: {
    baseUrl: string;
    token: string;
    index: number;
    events: LoadEvents;
    routes: StuRoutes;
    counters: StuCounters;
    otherFrames: Record<string, number>;
    policy?: ReceiptPolicy;
  }): Promise<StuClient> {
    const client = new StuClient(
      options.index,
      options.events,
      options.routes,
      options.counters,
      options.otherFrames,
      options.policy ?? RECEIPT_POLICY,
    );
    client.socket = await BenchSocket.open(
      options.baseUrl,
      options.token,
      (text, at) => client.onFrame(text, at),
      15_000,
      () => {
        client.counters.receiptFramesIn += 1;
      },
    );
    return client;
  }

  get ws(): WebSocket {
    return this.socket.ws;
  }

  send(id: string, target: SendTarget, text: string): void {
    const chatId = "user" in target ? this.routes.dialogOf(this.index) : this.routes.groupChat(target.group);
    this.socket.send({ type: "send_message", temp_id: id, conversation_id: chatId, text });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const r of this.receipts.values()) if (r.timer) clearTimeout(r.timer);
    await this.socket.close();
  }

  private onFrame(text: string, at: number): void {
    const frame = parseFrame(text);
    switch (frame.type) {
      case "message_sent":
        if (frame.tempId) this.events.ack(frame.tempId, at);
        return;
      case "new_message": {
        if (frame.tempId) this.events.deliver(frame.tempId, at, this.index);
        if (frame.chatId === undefined || frame.messageId === undefined) return;
        const last = this.lastId.get(frame.chatId) ?? 0;
        if (frame.messageId < last) this.counters.idsOutOfOrder += 1;
        else this.lastId.set(frame.chatId, frame.messageId);
        this.acknowledge(frame.chatId, frame.messageId);
        return;
      }
      case "delivered":
        this.counters.receiptFramesIn += 1;
        return;
      case "error":
        if (frame.tempId) this.events.fail(frame.tempId, frame.code ?? "unknown");
        else {
          const key = `error:${frame.code ?? "unknown"}` as const;
          this.counters[key] = (this.counters[key] ?? 0) + 1;
        }
        return;
      default:
        this.otherFrames[frame.type] = (this.otherFrames[frame.type] ?? 0) + 1;
    }
  }

  private sendReceipt(chatId: number, messageId: number): void {
    if (this.closed) return;
    this.counters.receiptsSent += 1;
    this.socket.send({ type: "delivered", conversation_id: chatId, message_id: messageId });
  }

  private acknowledge(chatId: number, messageId: number): void {
    const window = this.routes.isGroupChat(chatId) ? this.policy.groupWindowMs : 0;
    if (window <= 0) {
      this.sendReceipt(chatId, messageId);
      return;
    }
    let r = this.receipts.get(chatId);
    if (!r) {
      r = { lastSentAt: Number.NEGATIVE_INFINITY, pendingId: 0, timer: null };
      this.receipts.set(chatId, r);
    }
    const now = performance.now();
    if (!r.timer && now - r.lastSentAt >= window) {
      r.lastSentAt = now;
      this.sendReceipt(chatId, messageId);
      return;
    }
    r.pendingId = Math.max(r.pendingId, messageId);
    if (r.timer) return;
    const state = r;
    state.timer = setTimeout(
      () => {
        state.timer = null;
        state.lastSentAt = performance.now();
        const id = state.pendingId;
        state.pendingId = 0;
        if (id) this.sendReceipt(chatId, id);
      },
      Math.max(0, r.lastSentAt + window - now),
    );
  }
}
