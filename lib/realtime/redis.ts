import { Redis } from "ioredis";

/**
 * A Redis connection that logs its first failure and its recovery, not every retry
 * (ioredis retries forever and reports each failed attempt).
 */
export function connectRedis(url: string, name: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 2 });
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
