import { getCall } from "@/lib/calls/list-calls.ts";
import { idSchema } from "@/lib/chats/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";

// GET /v1/calls/{id} – one call (numeric id) of a chat the caller is in
export const GET = authRoute(async (_req, auth, params) =>
  json(await getCall(auth.userId, parseWith(idSchema, params.id))),
);
