import { noContent } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { blockUser, unblockUser } from "@/lib/users/blocks.ts";
import { userIdSchema } from "@/lib/users/schemas.ts";

// POST /v1/users/{id}/block – stop hearing from someone (idempotent)
export const POST = authRoute(async (_req, auth, params) => {
  await blockUser(auth.userId, parseWith(userIdSchema, params.id));
  return noContent();
});

// DELETE /v1/users/{id}/block – unblock (idempotent)
export const DELETE = authRoute(async (_req, auth, params) => {
  await unblockUser(auth.userId, parseWith(userIdSchema, params.id));
  return noContent();
});
