import { idSchema } from "@/lib/chats/schemas.ts";
import { json, noContent } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readJson } from "@/lib/http/validation.ts";
import { deleteMessage, editMessage } from "@/lib/messages/change-message.ts";
import { editMessageSchema } from "@/lib/messages/schemas.ts";

// PATCH /v1/chats/{id}/messages/{mid} – edit your message
export const PATCH = authRoute(async (req, auth, params) => {
  const { text } = await readJson(req, editMessageSchema);
  return json(
    await editMessage(auth.userId, parseWith(idSchema, params.mid), text, parseWith(idSchema, params.id)),
  );
});

// DELETE /v1/chats/{id}/messages/{mid} – delete for everyone (tombstone)
export const DELETE = authRoute(async (_req, auth, params) => {
  await deleteMessage(auth, parseWith(idSchema, params.mid), parseWith(idSchema, params.id));
  return noContent();
});
