import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { getConfig } from "../config/env.ts";
import type { BusEvent, Envelope } from "./events.ts";
import { createOutbox } from "./outbox.ts";
import { connectRedis } from "./redis.ts";

export type Bus = {
  driver: "memory" | "redis";
  /**
   * Hands the event to this instance's subscribers at once and queues it for the other instances.
   * Never waits for Redis and never fails: a stored message is acknowledged whatever Redis does.
   */
  publish(event: BusEvent): void;
  subscribe(handler: (event: BusEvent) => void): () => void;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
};

const CHANNEL = "stu:events";
// Events kept for the other instances while Redis is away (a few MB); past that they are dropped
// and the other instances' sockets are told to resync.
const OUTBOX_CAPACITY = 10_000;

function localEmitter() {
  const emitter = new EventEmitter().setMaxListeners(0);
  return {
    emit(event: BusEvent) {
      emitter.emit("event", event);
    },
    subscribe(handler: (event: BusEvent) => void) {
      // A failing subscriber must not fail the publisher (a send whose message is already stored).
      const safe = (event: BusEvent) => {
        try {
          handler(event);
        } catch (error) {
          console.error(`[stu] bus subscriber failed: ${(error as Error)?.stack ?? error}`);
        }
      };
      emitter.on("event", safe);
      return () => {
        emitter.off("event", safe);
      };
    },
  };
}

function memoryBus(): Bus {
  const local = localEmitter();
  return {
    driver: "memory",
    publish: local.emit,
    subscribe: local.subscribe,
    healthy: async () => true,
    close: async () => {},
  };
}

/**
 * This instance's sockets get its own events directly, never through Redis; the other instances get
 * them through one channel, each event tagged with the instance that published it (which ignores it
 * when it comes back). Events wait in an ordered outbox while Redis is away. Pub/sub is not durable:
 * whenever the subscription had to be re-established, this instance's sockets are told to resync.
 */
export function redisBus(url: string, options: { outboxCapacity?: number } = {}): Bus {
  const instance = randomBytes(6).toString("hex");
  const local = localEmitter();
  const pub = connectRedis(url, "publish");
  const sub = connectRedis(url, "subscribe", { autoResubscribe: false });
  const logError = (error: Error) => console.error(`[stu] redis: ${error.message}`);

  const outbox = createOutbox({
    capacity: options.outboxCapacity ?? OUTBOX_CAPACITY,
    ready: () => pub.status === "ready",
    async sendBatch(payloads) {
      const results = (await pub.pipeline(payloads.map((p) => ["publish", CHANNEL, p])).exec()) ?? [];
      const failed = results.findIndex(([error]) => error);
      return failed === -1 ? results.length : failed;
    },
    onOverflow: () =>
      console.error(`[stu] redis: outbox full; dropping events until Redis is back (peers will resync)`),
    onDrainedAfterOverflow: () => toOthers({ type: "resync", reason: "events_dropped" }),
  });
  const toOthers = (event: BusEvent) => outbox.push(JSON.stringify({ origin: instance, event } as Envelope));
  pub.on("ready", () => outbox.flush());

  // Subscribed on every (re)connection, by us rather than by ioredis's autoResubscribe, so that we
  // know when the subscription is back and whether it had been lost.
  let subscribedBefore = false;
  sub.on("ready", () => {
    sub.subscribe(CHANNEL).then(() => {
      if (subscribedBefore) local.emit({ type: "resync", reason: "pubsub_reconnected" });
      subscribedBefore = true;
    }, logError);
  });
  sub.on("message", (_channel: string, raw: string) => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch (error) {
      logError(error as Error);
      return;
    }
    if (envelope.origin !== instance && envelope.event) local.emit(envelope.event);
  });

  return {
    driver: "redis",
    publish(event) {
      local.emit(event);
      toOthers(event);
    },
    subscribe: local.subscribe,
    async healthy() {
      try {
        return (await pub.ping()) === "PONG" && sub.status === "ready";
      } catch {
        return false;
      }
    },
    async close() {
      // Give what is still waiting a moment to reach the other instances.
      const until = Date.now() + 2000;
      while (outbox.size && pub.status === "ready" && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      pub.disconnect();
      sub.disconnect();
    },
  };
}

const BUS = Symbol.for("stu.bus");
type WithBus = typeof globalThis & { [BUS]?: Bus };

/** The process's bus, shared by route handlers and the socket server (hence globalThis). */
export function getBus(): Bus {
  const g = globalThis as WithBus;
  if (!g[BUS]) {
    const url = getConfig().redisUrl;
    g[BUS] = url ? redisBus(url) : memoryBus();
  }
  return g[BUS];
}
