import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { userIdSchema } from "@/lib/users/schemas.ts";
import { getUser, publicProfiles } from "@/lib/users/users.ts";

// GET /v1/users/{id} – someone's public profile (no e-mail)
export const GET = authRoute(async (_req, _auth, params) => {
  const [profile] = await publicProfiles([await getUser(parseWith(userIdSchema, params.id))]);
  return json(profile);
});
