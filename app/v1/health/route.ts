import { checkHealth } from "@/lib/health/check-health.ts";
import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";

// GET /v1/health – database and pub/sub status (503 when either is down)
export const GET = publicRoute(async () => {
  const health = await checkHealth();
  return json(health, health.status === "ok" ? 200 : 503);
});
