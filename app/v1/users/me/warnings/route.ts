import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { pendingWarnings } from "@/lib/moderation/warnings.ts";

// GET /v1/users/me/warnings – the caller's warnings from admins not yet acknowledged, newest first
export const GET = authRoute(async (_req, auth) => json({ warnings: await pendingWarnings(auth.userId) }));
