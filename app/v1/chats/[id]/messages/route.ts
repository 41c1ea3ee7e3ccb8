import { idSchema } from "@/lib/chats/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readJson, readQuery } from "@/lib/http/validation.ts";
import { listMessages } from "@/lib/messages/list-messages.ts";
import { historySchema, sendMessageSchema } from "@/lib/messages/schemas.ts";
import { sendMessage } from "@/lib/messages/send-message.ts";

// GET /v1/chats/{id}/messages?limit=&before_id= (or before=) | after_id= | around_id= – history, newest first (after_id: oldest first)
export const GET = authRoute(async (req, auth, params) => {
  const q = readQuery(req, historySchema);
  return json(
    await listMessages(auth.userId, parseWith(idSchema, params.id), {
      limit: q.limit,
      beforeId: q.before_id ?? q.before,
      afterId: q.after_id,
      aroundId: q.around_id,
    }),
  );
});

// POST /v1/chats/{id}/messages – send; the same temp_id again returns the stored message (200)
export const POST = authRoute(async (req, auth, params) => {
  const body = await readJson(req, sendMessageSchema);
  const { message, created } = await sendMessage({
    chatId: parseWith(idSchema, params.id),
    senderId: auth.userId,
    text: body.text,
    tempId: body.temp_id,
    replyToId: body.reply_to_id,
    attachmentIds: body.attachments,
  });
  return json(message, created ? 201 : 200);
});
