import { idSchema } from "@/lib/chats/schemas.ts";
import { noContent } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { acknowledgeWarning } from "@/lib/moderation/warnings.ts";

// POST /v1/users/me/warnings/{id}/ack – the caller has read the warning
export const POST = authRoute(async (_req, auth, params) => {
  await acknowledgeWarning(auth.userId, parseWith(idSchema, params.id));
  return noContent();
});
