import { idSchema } from "@/lib/chats/schemas.ts";
import { json, noContent } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { pinMessage, unpinMessage } from "@/lib/pins/pin-message.ts";

const target = (userId: number, params: Record<string, unknown>) => ({
  userId,
  chatId: parseWith(idSchema, params.id),
  messageId: parseWith(idSchema, params.mid),
});

// PUT /v1/chats/{id}/messages/{mid}/pin – pin a message (idempotent)
export const PUT = authRoute(async (_req, auth, params) =>
  json(await pinMessage(target(auth.userId, params))),
);

// DELETE /v1/chats/{id}/messages/{mid}/pin – unpin it (idempotent)
export const DELETE = authRoute(async (_req, auth, params) => {
  await unpinMessage(target(auth.userId, params));
  return noContent();
});
