import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { getConfig } from "../config/env.ts";
import { connectRedis } from "../realtime/redis.ts";

/** Who is online: a user with at least one socket on any instance. */
export type PresenceStore = {
  /** Counts a new socket; true when the user just came online. */
  opened(userId: number): Promise<boolean>;
  /** Counts a closed socket; true when that was the user's last one. */
  closed(userId: number): Promise<boolean>;
  onlineOf(userIds: number[]): Promise<Set<number>>;
  close(): Promise<void>;
};

export function memoryPresence(): PresenceStore {
  const counts = new Map<number, number>();
  return {
    async opened(userId) {
      const n = (counts.get(userId) ?? 0) + 1;
      counts.set(userId, n);
      return n === 1;
    },
    async closed(userId) {
      const n = (counts.get(userId) ?? 1) - 1;
      if (n <= 0) counts.delete(userId);
      else counts.set(userId, n);
      return n <= 0;
    },
    async onlineOf(userIds) {
      return new Set(userIds.filter((id) => (counts.get(id) ?? 0) > 0));
    },
    close: async () => {},
  };
}

const HEARTBEAT_S = 10;

/**
 * Per user a hash {instance: open sockets}. Each instance keeps a heartbeat key alive; counts of an
 * instance whose heartbeat expired (it crashed) no longer make anyone online.
 */
export function redisPresence(url: string): PresenceStore {
  const redis: Redis = connectRedis(url, "presence");
  const instance = randomBytes(6).toString("hex");
  const userKey = (userId: number) => `stu:presence:${userId}`;
  const aliveKey = (id: string) => `stu:instance:${id}`;
  const beat = () => redis.set(aliveKey(instance), "1", "EX", HEARTBEAT_S * 3).catch(() => {});
  void beat();
  const timer = setInterval(beat, HEARTBEAT_S * 1000);
  timer.unref();

  async function liveInstances(ids: string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)].filter((id) => id !== instance);
    if (!unique.length) return new Set([instance]);
    const results = await redis.pipeline(unique.map((id) => ["exists", aliveKey(id)])).exec();
    return new Set([instance, ...unique.filter((_, i) => results?.[i]?.[1] === 1)]);
  }

  async function liveCount(userId: number): Promise<number> {
    const counts = await redis.hgetall(userKey(userId));
    const live = await liveInstances(Object.keys(counts));
    return Object.entries(counts).reduce(
      (sum, [id, n]) => sum + (live.has(id) ? Math.max(0, Number(n)) : 0),
      0,
    );
  }

  return {
    async opened(userId) {
      await redis.hincrby(userKey(userId), instance, 1);
      return (await liveCount(userId)) === 1;
    },
    async closed(userId) {
      const left = await redis.hincrby(userKey(userId), instance, -1);
      if (left <= 0) await redis.hdel(userKey(userId), instance);
      return (await liveCount(userId)) === 0;
    },
    async onlineOf(userIds) {
      if (!userIds.length) return new Set();
      const rows = await redis.pipeline(userIds.map((id) => ["hkeys", userKey(id)])).exec();
      const fields = userIds.map((_, i) => (rows?.[i]?.[1] as string[] | undefined) ?? []);
      const live = await liveInstances(fields.flat());
      return new Set(userIds.filter((_, i) => fields[i]!.some((id) => live.has(id))));
    },
    async close() {
      clearInterval(timer);
      await redis.del(aliveKey(instance)).catch(() => {});
      redis.disconnect();
    },
  };
}

const STORE = Symbol.for("stu.presence");
type WithStore = typeof globalThis & { [STORE]?: PresenceStore };

export function getPresence(): PresenceStore {
  const g = globalThis as WithStore;
  if (!g[STORE]) {
    const url = getConfig().redisUrl;
    g[STORE] = url ? redisPresence(url) : memoryPresence();
  }
  return g[STORE];
}
