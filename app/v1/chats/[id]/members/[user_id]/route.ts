import { removeMember, setMemberRole } from "@/lib/chats/manage-chat.ts";
import { idSchema, setRoleSchema } from "@/lib/chats/schemas.ts";
import { json, noContent } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith, readJson } from "@/lib/http/validation.ts";

// DELETE /v1/chats/{id}/members/{user_id} – leave (your own id) or remove someone (owner/admin)
export const DELETE = authRoute(async (_req, auth, params) => {
  await removeMember(auth.userId, parseWith(idSchema, params.id), parseWith(idSchema, params.user_id));
  return noContent();
});

// PATCH /v1/chats/{id}/members/{user_id} – make someone admin or member (owner only)
export const PATCH = authRoute(async (req, auth, params) => {
  const { role } = await readJson(req, setRoleSchema);
  return json(
    await setMemberRole(
      auth.userId,
      parseWith(idSchema, params.id),
      parseWith(idSchema, params.user_id),
      role,
    ),
  );
});
