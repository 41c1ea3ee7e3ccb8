import { iceConfigFor } from "@/lib/calls/ice-servers.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";

// GET /v1/calls/config – ICE servers and short-lived TURN credentials for the caller (never cached)
export const GET = authRoute(async (_req, auth) => json(iceConfigFor({ userId: auth.userId })));
