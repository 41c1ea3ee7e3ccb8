import { appendAudit } from "../admin/audit-chain.ts";
import { getDb } from "../db/client.ts";

/**
 * The agent refused a report's packet for good (retrying the same call will not help): the report
 * goes to the admins' queue without a verdict rather than waiting forever, and the log says why.
 */
export async function openForReview(
  reportId: number,
  why: { code: string; message: string },
): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const report = await tx.report.findUnique({ where: { id: reportId } });
    if (report?.status !== "queued") return false;
    await tx.report.update({ where: { id: reportId }, data: { status: "open" } });
    await appendAudit(tx, {
      actorId: null,
      actorKind: "system",
      action: "analysis_failed",
      targetUserId: report.targetUserId,
      messageId: report.messageId,
      reportId,
      reason: why.message.slice(0, 500),
      details: { code: why.code },
    });
    return true;
  });
}
