import { idSchema } from "@/lib/chats/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readJson } from "@/lib/http/validation.ts";
import { forwardMessages } from "@/lib/messages/forward-messages.ts";
import { forwardSchema } from "@/lib/messages/schemas.ts";

// POST /v1/chats/{id}/messages/forward – forward messages of another chat into this one
export const POST = authRoute(async (req, auth, params) => {
  const body = await readJson(req, forwardSchema);
  const { messages, created } = await forwardMessages({
    userId: auth.userId,
    targetChatId: parseWith(idSchema, params.id),
    fromChatId: body.from_chat_id,
    messageIds: body.message_ids,
    tempId: body.temp_id,
  });
  return json({ messages }, created ? 201 : 200);
});
