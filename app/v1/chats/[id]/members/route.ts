import { addMembers } from "@/lib/chats/manage-chat.ts";
import { requireMembership } from "@/lib/chats/membership.ts";
import { addMembersSchema, idSchema } from "@/lib/chats/schemas.ts";
import { chatView } from "@/lib/chats/views.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readJson } from "@/lib/http/validation.ts";

// GET /v1/chats/{id}/members – the members with their roles
export const GET = authRoute(async (_req, auth, params) => {
  const { chat } = await requireMembership(parseWith(idSchema, params.id), auth.userId);
  return json((await chatView(auth.userId, chat)).members);
});

// POST /v1/chats/{id}/members – add people to a group (owner/admin): {user_ids:[…]} or {user_id}
export const POST = authRoute(async (req, auth, params) => {
  const body = await readJson(req, addMembersSchema);
  const ids = "user_id" in body ? [body.user_id] : "user_ids" in body ? body.user_ids : body.members;
  const chat = await addMembers(auth.userId, parseWith(idSchema, params.id), ids);
  return json(await chatView(auth.userId, chat));
});
