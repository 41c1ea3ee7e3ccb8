import { listAdminReports } from "@/lib/admin/reports.ts";
import { adminRoute } from "@/lib/admin/require-admin.ts";
import { listReportsSchema } from "@/lib/admin/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { readQuery } from "@/lib/http/validation.ts";

// GET /v1/admin/reports?status=&reason=&cursor=&limit= – the moderation queue (open by default), newest first
export const GET = adminRoute(async (req) => json(await listAdminReports(readQuery(req, listReportsSchema))));
