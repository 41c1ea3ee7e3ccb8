import { createGroup, openDialog } from "@/lib/chats/create-chat.ts";
import { listChats } from "@/lib/chats/list-chats.ts";
import { createChatSchema, listChatsSchema } from "@/lib/chats/schemas.ts";
import { chatView } from "@/lib/chats/views.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson, readQuery } from "@/lib/http/validation.ts";

// GET /v1/chats – the caller's chats (pinned first, then most recent activity), with last_message and unread_count; ?archived=true|false filters
export const GET = authRoute(async (req, auth) => {
  const { limit, archived } = readQuery(req, listChatsSchema);
  return json(await listChats(auth.userId, limit, archived));
});

// POST /v1/chats – create a group, or open the dialog with someone (200 with the existing one)
export const POST = authRoute(async (req, auth) => {
  const input = await readJson(req, createChatSchema);
  if (input.type === "group") {
    const chat = await createGroup(auth.userId, input.title, input.members);
    return json(await chatView(auth.userId, chat), 201);
  }
  const other = input.members.find((id) => id !== auth.userId) ?? auth.userId;
  const { chat, created } = await openDialog(auth.userId, other);
  return json(await chatView(auth.userId, chat), created ? 201 : 200);
});
