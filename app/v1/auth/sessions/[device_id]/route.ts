import { revokeSession } from "@/lib/auth/sessions.ts";
import { noContent } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { userIdSchema as idSchema } from "@/lib/users/schemas.ts";

// DELETE /v1/auth/sessions/{device_id} – sign one of the caller's devices out
export const DELETE = authRoute(async (_req, auth, params) => {
  await revokeSession(auth.userId, parseWith(idSchema, params.device_id));
  return noContent();
});
