import type { z } from "zod";
import { getDb } from "../db/client.ts";
import { notFound } from "../http/app-error.ts";
import { page } from "../http/cursor.ts";
import { type AdminReportView, toAdminReports } from "./report-views.ts";
import type { listReportsSchema } from "./schemas.ts";

/** The moderation queue: by status (open by default, `all` for every one) and reason, newest first. */
export async function listAdminReports(
  query: z.infer<typeof listReportsSchema>,
): Promise<{ reports: AdminReportView[]; next_cursor: string | null }> {
  const rows = await getDb().report.findMany({
    where: {
      ...(query.status === "all" ? {} : { status: query.status }),
      ...(query.reason ? { reason: query.reason } : {}),
      ...(query.cursor ? { id: { lt: query.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const { items, nextCursor } = page(rows, query.limit);
  return { reports: await toAdminReports(items), next_cursor: nextCursor };
}

export async function getAdminReport(id: number): Promise<AdminReportView> {
  const report = await getDb().report.findUnique({ where: { id } });
  if (!report) throw notFound("report");
  return (await toAdminReports([report]))[0]!;
}
