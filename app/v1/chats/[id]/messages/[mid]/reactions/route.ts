import { idSchema } from "@/lib/chats/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { listReactors } from "@/lib/reactions/list-reactors.ts";

// GET /v1/chats/{id}/messages/{mid}/reactions – who reacted with which emoji
export const GET = authRoute(async (_req, auth, params) =>
  json(await listReactors(auth.userId, parseWith(idSchema, params.mid), parseWith(idSchema, params.id))),
);
