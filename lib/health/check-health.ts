import { getDb } from "../db/client.ts";
import { getBus } from "../realtime/bus.ts";

async function timed(check: () => Promise<boolean>) {
  const started = performance.now();
  let ok = false;
  try {
    ok = await check();
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
