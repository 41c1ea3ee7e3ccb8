import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson, readQuery } from "@/lib/http/validation.ts";
import { createReport } from "@/lib/moderation/create-report.ts";
import { listOwnReports } from "@/lib/moderation/list-reports.ts";
import { toReport } from "@/lib/moderation/report-view.ts";
import { createReportSchema, listOwnReportsSchema } from "@/lib/moderation/schemas.ts";

// POST /v1/reports – report a message {message_id} or a person {user_id}; 200 with your report already waiting on it
export const POST = authRoute(async (req, auth) => {
  const { report, created } = await createReport(auth.userId, await readJson(req, createReportSchema));
  return json(toReport(report), created ? 201 : 200);
});

// GET /v1/reports?cursor=&limit= – the caller's own reports, newest first
export const GET = authRoute(async (req, auth) =>
  json(await listOwnReports(auth.userId, readQuery(req, listOwnReportsSchema))),
);
