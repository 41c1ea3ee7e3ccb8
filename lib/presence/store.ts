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
  /** Open sockets and users online right now, over every instance (the admin stats). */
  counts(): Promise<{ sockets: number; users: number }>;
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
    async counts() {
      let sockets = 0;
      for (const n of counts.values()) sockets += n;
      return { sockets, users: counts.size };
    },
    close: async () => {},
  };
}

const HEARTBEAT_S = 10;
const READY_WAIT_MS = 2000;

/**
 * Per user a hash {instance: open sockets}. Each instance keeps a heartbeat key alive; counts of an
 * instance whose heartbeat expired (it crashed) no longer make anyone online.
 *
 * This instance's own counts are kept in memory too, and they are the truth: whenever the Redis
 * connection becomes ready (at start, after a blip, after a restart that lost every key) the
 * heartbeat and every count of this instance are written again as absolute values, and counts that
 * dropped to zero while Redis was away are removed. Commands go out in the order the counts change
 * (one connection, no offline queue), so a socket opening during the rewrite is counted once.
 */
export function redisPresence(url: string): PresenceStore {
  const redis: Redis = connectRedis(url, "presence");
  const instance = randomBytes(6).toString("hex");
  const userKey = (userId: number) => `stu:presence:${userId}`;
  const aliveKey = (id: string) => `stu:instance:${id}`;
  const local = new Map<number, number>();
  // Users whose count could not be written; their entry is fixed on the next reconnect.
  const unsynced = new Set<number>();
  const beat = () => redis.set(aliveKey(instance), "1", "EX", HEARTBEAT_S * 3).catch(() => {});
  const timer = setInterval(beat, HEARTBEAT_S * 1000);
  timer.unref();

  function reregister(): void {
    const users = new Set([...local.keys(), ...unsynced]);
    unsynced.clear();
    const commands: string[][] = [["set", aliveKey(instance), "1", "EX", String(HEARTBEAT_S * 3)]];
    for (const userId of users) {
      const n = local.get(userId) ?? 0;
      commands.push(
        n > 0 ? ["hset", userKey(userId), instance, String(n)] : ["hdel", userKey(userId), instance],
      );
    }
    redis
      .pipeline(commands)
      .exec()
      .then((results) => {
        if (results?.some(([error]) => error)) throw new Error("some presence counts were not written");
      })
      .catch((error: Error) => {
        for (const userId of users) unsynced.add(userId);
        console.error(`[stu] redis (presence): re-registering failed: ${error.message}`);
      });
  }
  redis.on("ready", reregister);

  function untilReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        redis.off("ready", onReady);
        reject(new Error("Redis is not reachable"));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      // Registered after reregister: the counts go out before anything the caller sends next.
      redis.once("ready", onReady);
    });
  }

  /**
   * Applies the change locally, then in Redis; a failed write is repaired on reconnect. Before the
   * connection is ready (just after start, or during a blip) the re-registration on "ready" writes
   * the change: it is awaited for a moment, so that who is online can still be answered.
   */
  async function change(userId: number, by: 1 | -1): Promise<void> {
    const n = (local.get(userId) ?? 0) + by;
    if (n > 0) local.set(userId, n);
    else local.delete(userId);
    if (redis.status !== "ready") {
      unsynced.add(userId);
      await untilReady(READY_WAIT_MS);
      return;
    }
    try {
      if (n > 0) await redis.hincrby(userKey(userId), instance, by);
      else await redis.hdel(userKey(userId), instance);
    } catch (error) {
      unsynced.add(userId);
      throw error;
    }
  }

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
      await change(userId, 1);
      return (await liveCount(userId)) === 1;
    },
    async closed(userId) {
      await change(userId, -1);
      return (await liveCount(userId)) === 0;
    },
    async onlineOf(userIds) {
      if (!userIds.length) return new Set();
      const rows = await redis.pipeline(userIds.map((id) => ["hkeys", userKey(id)])).exec();
      const fields = userIds.map((_, i) => (rows?.[i]?.[1] as string[] | undefined) ?? []);
      const live = await liveInstances(fields.flat());
      return new Set(userIds.filter((_, i) => fields[i]!.some((id) => live.has(id))));
    },
    async counts() {
      const keys: string[] = [];
      for await (const batch of redis.scanStream({ match: "stu:presence:*", count: 500 }))
        keys.push(...(batch as string[]));
      if (!keys.length) return { sockets: 0, users: 0 };
      const rows = await redis.pipeline(keys.map((key) => ["hgetall", key])).exec();
      const perUser = keys.map((_, i) => (rows?.[i]?.[1] as Record<string, string> | undefined) ?? {});
      const live = await liveInstances(perUser.flatMap((counts) => Object.keys(counts)));
      let sockets = 0;
      let users = 0;
      for (const counts of perUser) {
        const n = Object.entries(counts).reduce(
          (sum, [id, c]) => sum + (live.has(id) ? Math.max(0, Number(c)) : 0),
          0,
        );
        sockets += n;
        if (n > 0) users += 1;
      }
      return { sockets, users };
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
