import { adminRoute } from "@/lib/admin/require-admin.ts";
import { getAdminUser } from "@/lib/admin/users.ts";
import { json } from "@/lib/http/responses.ts";
import { parseWith } from "@/lib/http/validation.ts";
import { userIdSchema } from "@/lib/users/schemas.ts";

// GET /v1/admin/users/{id} – one person with their warnings, reports against them and recent actions
export const GET = adminRoute(async (_req, _auth, params) =>
  json(await getAdminUser(parseWith(userIdSchema, params.id))),
);
