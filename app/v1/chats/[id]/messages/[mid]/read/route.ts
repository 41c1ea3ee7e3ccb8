import { idSchema } from "@/lib/chats/schemas.ts";
import { noContent } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { markReceipt } from "@/lib/messages/receipts.ts";

// POST /v1/chats/{id}/messages/{mid}/read – everything up to mid is read (and delivered)
export const POST = authRoute(async (_req, auth, params) => {
  await markReceipt(auth.userId, parseWith(idSchema, params.mid), "read", parseWith(idSchema, params.id));
  return noContent();
});
