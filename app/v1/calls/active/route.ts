import { listActiveCalls } from "@/lib/calls/list-calls.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";

// GET /v1/calls/active – calls going on (or ringing) in the caller's chats
export const GET = authRoute(async (_req, auth) => json(await listActiveCalls(auth.userId)));
