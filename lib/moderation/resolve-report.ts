import { appendAudit } from "../admin/audit-chain.ts";
import { afterBan, banInTx } from "../admin/ban-user.ts";
import { removeMessage } from "../admin/perform-action.ts";
import type { ResolveReportInput } from "../admin/schemas.ts";
import type { AuthContext } from "../auth/authenticate.ts";
import { getDb, type Prisma } from "../db/client.ts";
import type { Message, Report, ReportStatus, Warning } from "../db/generated/client.ts";
import { AppError, conflict, notFound } from "../http/app-error.ts";
import { announceMessages, clearModeration } from "./moderated-messages.ts";
import { queueFeedback } from "./queue-feedback.ts";
import { announceWarning, createWarning } from "./warnings.ts";

type Tx = Prisma.TransactionClient;

// The audit log names what was done, whether from a report or directly.
const AUDIT_ACTION = {
  dismiss: "dismiss_report",
  remove_message: "delete_message",
  warn_user: "warn_user",
  ban_user: "ban_user",
} as const;

const REASON_LABEL: Record<Report["reason"], string> = {
  spam: "spam",
  harassment: "harassment",
  hate: "hate speech",
  sexual: "sexual content",
  violence: "violence",
  self_harm: "self-harm",
  illegal: "illegal content",
  other: "breaking the rules",
};

/** Reports still waiting on the same target (the same message, or the same person for a user report). */
function sameTarget(report: Report): Prisma.ReportWhereInput {
  return {
    status: { in: ["queued", "open"] },
    targetType: report.targetType,
    ...(report.targetType === "message"
      ? { messageId: report.messageId }
      : { targetUserId: report.targetUserId }),
  };
}

/**
 * An admin closes a report with an action, and with it every other report still waiting on the same
 * target. `dismiss` (no violation) restores a message that a block verdict of one of them removed;
 * the others act on the reported person or message and mark the reports resolved. The decision goes
 * to the agent as a training example (dismiss: "ok", otherwise the report's reason).
 */
export async function resolveReport(
  admin: Pick<AuthContext, "userId">,
  reportId: number,
  input: ResolveReportInput,
): Promise<Report> {
  const at = new Date();
  const result = await getDb().$transaction(async (tx) => {
    const report = await tx.report.findUnique({ where: { id: reportId } });
    if (!report) throw notFound("report");
    if (report.status !== "queued" && report.status !== "open")
      throw conflict("report_closed", "This report is already closed.");
    const closing = await tx.report.findMany({ where: { OR: [{ id: report.id }, sameTarget(report)] } });
    const effects = await act(tx, admin.userId, report, closing, input, at);
    const status: ReportStatus = input.action === "dismiss" ? "dismissed" : "resolved";
    const closed = await tx.report.updateMany({
      where: { id: { in: closing.map((r) => r.id) }, status: { in: ["queued", "open"] } },
      data: {
        status,
        resolutionAction: input.action,
        resolutionReason: input.reason ?? null,
        resolvedById: admin.userId,
        resolvedAt: at,
      },
    });
    // Someone else closed it between our read and our write (the rows are not locked by the read).
    if (!closed.count) throw conflict("report_closed", "This report is already closed.");
    await appendAudit(tx, {
      actorId: admin.userId,
      actorKind: "admin",
      action: AUDIT_ACTION[input.action],
      targetUserId: report.targetUserId,
      messageId: report.messageId,
      reportId: report.id,
      reason: input.reason ?? "",
      details: {
        resolution: input.action,
        closed_report_ids: closing.map((r) => r.id),
        ...(input.action === "ban_user" ? { delete_messages: input.delete_messages } : {}),
        ...(effects.warning ? { warning_id: effects.warning.id } : {}),
      },
    });
    return { report, effects };
  });
  const { report, effects } = result;
  if (effects.banned) await afterBan(report.targetUserId, effects.changed);
  else await announceMessages(effects.changed);
  if (effects.warning) announceWarning(effects.warning);
  if (report.messageId) {
    const message = await getDb().message.findUnique({ where: { id: report.messageId } });
    if (message?.text.trim())
      await queueFeedback([{ text: message.text, label: input.action === "dismiss" ? "ok" : report.reason }]);
  }
  return getDb().report.findUniqueOrThrow({ where: { id: reportId } });
}

type Effects = { changed: Message[]; warning?: Warning; banned?: boolean };

async function act(
  tx: Tx,
  adminId: number,
  report: Report,
  closing: Report[],
  input: ResolveReportInput,
  at: Date,
): Promise<Effects> {
  switch (input.action) {
    case "dismiss": {
      if (!report.messageId) return { changed: [] };
      // Only a removal that a block verdict of one of these reports made is undone.
      const message = await tx.message.findUnique({ where: { id: report.messageId } });
      const byVerdict = closing.some(
        (r) => r.messageRemovedAt && message?.moderatedAt?.getTime() === r.messageRemovedAt.getTime(),
      );
      return { changed: byVerdict ? await clearModeration(tx, [report.messageId]) : [] };
    }
    case "remove_message": {
      if (!report.messageId)
        throw new AppError("no_message", 422, "This report is about a person, not a message.");
      const message = await tx.message.findUnique({ where: { id: report.messageId } });
      // Already a tombstone (the verdict removed it): it simply stays one.
      if (message?.moderatedAt || message?.deletedAt) return { changed: [] };
      return { changed: [await removeMessage(tx, report.messageId, at)] };
    }
    case "warn_user": {
      const warning = await createWarning(tx, {
        userId: report.targetUserId,
        reason:
          input.reason || `You were reported for ${REASON_LABEL[report.reason]}. Please follow the rules.`,
        createdById: adminId,
        reportId: report.id,
      });
      return { changed: [], warning };
    }
    case "ban_user": {
      const { removed } = await banInTx(tx, {
        userId: report.targetUserId,
        deleteMessages: input.delete_messages,
        at,
        alreadyBanned: "ok",
      });
      return { changed: removed, banned: true };
    }
  }
}
