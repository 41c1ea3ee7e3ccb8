import { idSchema } from "@/lib/chats/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { listPins } from "@/lib/pins/list-pins.ts";

// GET /v1/chats/{id}/pins – the chat's pinned messages, newest pin first
export const GET = authRoute(async (_req, auth, params) =>
  json(await listPins(auth.userId, parseWith(idSchema, params.id))),
);
