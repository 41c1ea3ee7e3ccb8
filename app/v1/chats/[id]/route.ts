import { updateChat } from "@/lib/chats/manage-chat.ts";
import { requireMembership } from "@/lib/chats/membership.ts";
import { idSchema, updateChatSchema } from "@/lib/chats/schemas.ts";
import { chatView } from "@/lib/chats/views.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readJson } from "@/lib/http/validation.ts";

// GET /v1/chats/{id} – one chat as the caller sees it
export const GET = authRoute(async (_req, auth, params) => {
  const { chat } = await requireMembership(parseWith(idSchema, params.id), auth.userId);
  return json(await chatView(auth.userId, chat));
});

// PATCH /v1/chats/{id} – rename a group or set its avatar_id (owner/admin)
export const PATCH = authRoute(async (req, auth, params) => {
  const body = await readJson(req, updateChatSchema);
  const chat = await updateChat(auth.userId, parseWith(idSchema, params.id), {
    title: body.title,
    avatarId: body.avatar_id,
  });
  return json(await chatView(auth.userId, chat));
});
