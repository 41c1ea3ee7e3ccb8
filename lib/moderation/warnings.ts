import { getDb, type Prisma } from "../db/client.ts";
import type { Warning } from "../db/generated/client.ts";
import { notFound } from "../http/app-error.ts";
import { deliver } from "../realtime/deliver.ts";

export type WarningView = { id: number; reason: string; created_at: string; acknowledged_at: string | null };

export function toWarning(w: Warning): WarningView {
  return {
    id: w.id,
    reason: w.reason,
    created_at: w.createdAt.toISOString(),
    acknowledged_at: w.acknowledgedAt?.toISOString() ?? null,
  };
}

export function createWarning(
  tx: Prisma.TransactionClient,
  input: { userId: number; reason: string; createdById: number | null; reportId?: number | null },
): Promise<Warning> {
  return tx.warning.create({
    data: {
      userId: input.userId,
      reason: input.reason,
      createdById: input.createdById,
      reportId: input.reportId ?? null,
    },
  });
}

/** The warned person sees it at once on every device. */
export function announceWarning(warning: Warning): void {
  deliver([warning.userId], [{ type: "warning", warning: toWarning(warning) }]);
}

/** The caller's warnings not yet acknowledged, newest first. */
export async function pendingWarnings(userId: number): Promise<WarningView[]> {
  const rows = await getDb().warning.findMany({
    where: { userId, acknowledgedAt: null },
    orderBy: { id: "desc" },
  });
  return rows.map(toWarning);
}

/** Idempotent; someone else's warning does not exist for the caller. */
export async function acknowledgeWarning(userId: number, warningId: number): Promise<void> {
  const db = getDb();
  const warning = await db.warning.findFirst({ where: { id: warningId, userId } });
  if (!warning) throw notFound("warning");
  if (!warning.acknowledgedAt) {
    await db.warning.updateMany({
      where: { id: warningId, acknowledgedAt: null },
      data: { acknowledgedAt: new Date() },
    });
  }
}
