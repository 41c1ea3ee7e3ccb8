import { Redis, type RedisOptions } from "ioredis";

/**
 * A Redis connection that fails fast while Redis is away, and logs its first failure and its
 * recovery, not every retry (ioredis retries forever and reports each failed attempt).
 *
 * By default ioredis queues commands while disconnected (offline queue) and rejects them only after
 * `maxRetriesPerRequest` reconnection attempts, seconds later; the caller waits all that time. Here
 * a command is refused at once when the connection is not ready (no offline queue) and commands in
 * flight when it drops are rejected at once (maxRetriesPerRequest 0) instead of silently resent:
 * each caller decides what to keep and retry (the bus's outbox, presence's re-registration, the
 * rate limiter's in-memory insurance).
 */
export function connectRedis(url: string, name: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Reconnect quickly after a restart, but never more than twice a second.
    retryStrategy: (times) => Math.min(times * 100, 500),
    connectionName: `stu-${name}`,
    ...options,
  });
  let failing = false;
  client.on("error", (error: Error) => {
    if (failing) return;
    failing = true;
    console.error(`[stu] redis (${name}): ${error.message} (retrying)`);
  });
  client.on("ready", () => {
    if (failing) console.log(`[stu] redis (${name}): connected again`);
    failing = false;
  });
  return client;
}
