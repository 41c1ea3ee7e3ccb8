import { getDb } from "../db/client.ts";
import { getBus } from "../realtime/bus.ts";

/** A check that has not answered by then counts as down: a hung dependency must not hang /v1/health. */
export const HEALTH_CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

async function timed(check: () => Promise<boolean>) {
  const started = performance.now();
  let ok = false;
  try {
    ok = await withTimeout(check(), HEALTH_CHECK_TIMEOUT_MS);
  } catch {
    ok = false;
  }
  return { status: ok ? "ok" : "down", latency_ms: Math.round((performance.now() - started) * 10) / 10 };
}

export async function checkHealth() {
  const bus = getBus();
  const [database, pubsub] = await Promise.all([
    timed(async () => (await getDb().$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`)[0]?.ok === 1),
    timed(() => bus.healthy()),
  ]);
  const ok = database.status === "ok" && pubsub.status === "ok";
  return {
    status: ok ? "ok" : "degraded",
    time: new Date().toISOString(),
    database,
    pubsub: { ...pubsub, driver: bus.driver },
  };
}
