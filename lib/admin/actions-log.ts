import type { z } from "zod";
import { getDb } from "../db/client.ts";
import { page } from "../http/cursor.ts";
import { type AuditEntryView, toAuditViews } from "./audit-views.ts";
import type { listActionsSchema } from "./schemas.ts";

/** The audit log, newest first: admin actions and the agent's verdicts; by person or action. */
export async function listAuditEntries(
  query: z.infer<typeof listActionsSchema>,
): Promise<{ actions: AuditEntryView[]; next_cursor: string | null }> {
  const rows = await getDb().auditEntry.findMany({
    where: {
      ...(query.user_id ? { OR: [{ targetUserId: query.user_id }, { actorId: query.user_id }] } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.cursor ? { id: { lt: query.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const { items, nextCursor } = page(rows, query.limit);
  return { actions: await toAuditViews(items), next_cursor: nextCursor };
}
