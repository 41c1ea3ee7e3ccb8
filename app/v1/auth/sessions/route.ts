import { listSessions } from "@/lib/auth/sessions.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";

// GET /v1/auth/sessions – the caller's signed-in devices
export const GET = authRoute(async (_req, auth) => json(await listSessions(auth.userId, auth.deviceId)));
