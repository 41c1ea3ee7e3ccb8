import { listAuditEntries } from "@/lib/admin/actions-log.ts";
import { performAdminAction } from "@/lib/admin/perform-action.ts";
import { adminRoute } from "@/lib/admin/require-admin.ts";
import { adminActionSchema, listActionsSchema } from "@/lib/admin/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { readJson, readQuery } from "@/lib/http/validation.ts";

// GET /v1/admin/actions?cursor=&limit=&user_id=&action= – the audit log, newest first
export const GET = adminRoute(async (req) => json(await listAuditEntries(readQuery(req, listActionsSchema))));

// POST /v1/admin/actions – ban_user | unban_user | delete_message | warn_user | grant_admin | revoke_admin
export const POST = adminRoute(async (req, auth) =>
  json(await performAdminAction(auth, await readJson(req, adminActionSchema)), 201),
);
