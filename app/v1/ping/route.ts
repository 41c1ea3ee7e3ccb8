import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";

// GET /v1/ping – liveness
export const GET = publicRoute(async () => json({ pong: true, time: new Date().toISOString() }));
