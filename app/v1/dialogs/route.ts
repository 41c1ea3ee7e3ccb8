import { openDialog, openDialogByEmail } from "@/lib/chats/create-chat.ts";
import { listChats } from "@/lib/chats/list-chats.ts";
import { createDialogSchema, listChatsSchema } from "@/lib/chats/schemas.ts";
import { chatView } from "@/lib/chats/views.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson, readQuery } from "@/lib/http/validation.ts";

// GET /v1/dialogs – api-skeleton.md's name for the chat list (each item also carries dialog_id)
export const GET = authRoute(async (req, auth) => {
  const { limit, archived } = readQuery(req, listChatsSchema);
  const chats = await listChats(auth.userId, limit, archived);
  return json(chats.map((chat) => ({ dialog_id: chat.id, ...chat })));
});

// POST /v1/dialogs – open the dialog with {user_id} or {email}; 200 with the existing one
export const POST = authRoute(async (req, auth) => {
  const body = await readJson(req, createDialogSchema);
  const { chat, created } =
    "user_id" in body
      ? await openDialog(auth.userId, body.user_id)
      : await openDialogByEmail(auth.userId, body.email);
  return json({ dialog_id: chat.id, ...(await chatView(auth.userId, chat)) }, created ? 201 : 200);
});
