import type { z } from "zod";
import { getDb } from "../db/client.ts";
import { page } from "../http/cursor.ts";
import { type ReportView, toReport } from "./report-view.ts";
import type { listOwnReportsSchema } from "./schemas.ts";

/** The caller's own reports, newest first. */
export async function listOwnReports(
  reporterId: number,
  query: z.infer<typeof listOwnReportsSchema>,
): Promise<{ reports: ReportView[]; next_cursor: string | null }> {
  const rows = await getDb().report.findMany({
    where: { reporterId, ...(query.cursor ? { id: { lt: query.cursor } } : {}) },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const { items, nextCursor } = page(rows, query.limit);
  return { reports: items.map(toReport), next_cursor: nextCursor };
}
