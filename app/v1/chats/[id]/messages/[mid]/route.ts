import { idSchema } from "@/lib/chats/schemas.ts";
import { json, noContent } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readJson, readQuery } from "@/lib/http/validation.ts";
import { deleteMessage, editMessage, hideMessage } from "@/lib/messages/change-message.ts";
import { deleteScopeSchema, editMessageSchema } from "@/lib/messages/schemas.ts";

// PATCH /v1/chats/{id}/messages/{mid} – edit your message
export const PATCH = authRoute(async (req, auth, params) => {
  const { text } = await readJson(req, editMessageSchema);
  return json(
    await editMessage(auth.userId, parseWith(idSchema, params.mid), text, parseWith(idSchema, params.id)),
  );
});

// DELETE /v1/chats/{id}/messages/{mid}?for=everyone|me – delete for everyone (tombstone) or for me
export const DELETE = authRoute(async (req, auth, params) => {
  const scope = readQuery(req, deleteScopeSchema);
  const messageId = parseWith(idSchema, params.mid);
  const chatId = parseWith(idSchema, params.id);
  if (scope.for === "me") await hideMessage(auth.userId, messageId, chatId);
  else await deleteMessage(auth, messageId, chatId);
  return noContent();
});
