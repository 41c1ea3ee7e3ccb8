import { EventEmitter } from "node:events";
import { getConfig } from "../config/env.ts";
import type { BusEvent } from "./events.ts";
import { connectRedis } from "./redis.ts";

export type Bus = {
  driver: "memory" | "redis";
  publish(event: BusEvent): Promise<void>;
  subscribe(handler: (event: BusEvent) => void): () => void;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
};

const CHANNEL = "stu:events";

function memoryBus(): Bus {
  const emitter = new EventEmitter().setMaxListeners(0);
  return {
    driver: "memory",
    async publish(event) {
      emitter.emit("event", event);
    },
    subscribe(handler) {
      emitter.on("event", handler);
      return () => emitter.off("event", handler);
    },
    healthy: async () => true,
    close: async () => {},
  };
}

/** Every instance publishes to one channel and hears everything, its own events included. */
export function redisBus(url: string): Bus {
  const pub = connectRedis(url, "publish");
  const sub = connectRedis(url, "subscribe");
  const local = memoryBus();
  const logError = (error: Error) => console.error(`[stu] redis: ${error.message}`);
  void sub.subscribe(CHANNEL).catch(logError);
  sub.on("message", (_channel: string, raw: string) => {
    try {
      void local.publish(JSON.parse(raw) as BusEvent);
    } catch (error) {
      logError(error as Error);
    }
  });
  return {
    driver: "redis",
    async publish(event) {
      await pub.publish(CHANNEL, JSON.stringify(event));
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
