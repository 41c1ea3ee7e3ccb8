import { getAdminReport } from "@/lib/admin/reports.ts";
import { adminRoute } from "@/lib/admin/require-admin.ts";
import { resolveReportSchema } from "@/lib/admin/schemas.ts";
import { idSchema } from "@/lib/chats/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { parseWith, readJson } from "@/lib/http/validation.ts";
import { resolveReport } from "@/lib/moderation/resolve-report.ts";

// GET /v1/admin/reports/{id} – one report with the message in its context, the verdict and the resolution
export const GET = adminRoute(async (_req, _auth, params) =>
  json(await getAdminReport(parseWith(idSchema, params.id))),
);

// POST /v1/admin/reports/{id} – resolve: dismiss | remove_message | warn_user | ban_user
export const POST = adminRoute(async (req, auth, params) => {
  const id = parseWith(idSchema, params.id);
  await resolveReport(auth, id, await readJson(req, resolveReportSchema));
  return json(await getAdminReport(id));
});
