import { adminRoute } from "@/lib/admin/require-admin.ts";
import { listUsersSchema } from "@/lib/admin/schemas.ts";
import { listAdminUsers } from "@/lib/admin/users.ts";
import { json } from "@/lib/http/responses.ts";
import { readQuery } from "@/lib/http/validation.ts";

// GET /v1/admin/users?query=&filter=all|banned|admins&cursor=&limit= – people, newest accounts first
export const GET = adminRoute(async (req) => json(await listAdminUsers(readQuery(req, listUsersSchema))));
