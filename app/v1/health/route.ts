import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/db/unavailable.ts";
import { checkHealth } from "@/lib/health/check-health.ts";
import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";

// GET /v1/health – database and pub/sub status (503 when either is down)
export const GET = publicRoute(async () => {
  const health = await checkHealth();
  if (health.status === "ok") return json(health);
  return json(health, 503, { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) });
});
