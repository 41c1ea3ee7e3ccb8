import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { hasBlocked } from "@/lib/users/blocks.ts";
import { userIdSchema } from "@/lib/users/schemas.ts";
import { getUser, publicProfiles } from "@/lib/users/users.ts";

// GET /v1/users/{id} – someone's public profile (no e-mail), with whether the caller blocked them
export const GET = authRoute(async (_req, auth, params) => {
  const user = await getUser(parseWith(userIdSchema, params.id));
  const [[profile], blocked] = await Promise.all([publicProfiles([user]), hasBlocked(auth.userId, user.id)]);
  return json({ ...profile, blocked });
});
