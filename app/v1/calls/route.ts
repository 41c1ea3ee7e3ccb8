import { listCalls, listCallsSchema } from "@/lib/calls/list-calls.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readQuery } from "@/lib/http/validation.ts";

// GET /v1/calls?chat_id=&before_id=&limit= – the caller's calls, newest first
export const GET = authRoute(async (req, auth) =>
  json(await listCalls(auth.userId, readQuery(req, listCallsSchema))),
);
