import { appendAudit } from "../admin/audit-chain.ts";
import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import type { Message, ReportStatus, Verdict } from "../db/generated/client.ts";
import { announceMessages, markModerated } from "./moderated-messages.ts";

/** The agent's answer, as lib/moderation/agent-client.ts gives it. */
export type VerdictInput = {
  verdict: Verdict;
  score: number;
  labels: string[];
  reasons: string[];
  model_version: string;
};

export type VerdictOutcome = {
  applied: boolean;
  verdict: Verdict;
  status: ReportStatus | null;
  messageRemoved: boolean;
};

/**
 * Acts on the agent's verdict for a report still waiting for it: `block` removes the reported
 * message at once (a moderation tombstone, live) pending an admin's review; `review` and `block`
 * queue the report for admins (open); `allow` closes it (dismissed) when the score is below
 * MODERATION_ALLOW_THRESHOLD, and queues it otherwise. The verdict and an audit entry are stored
 * in the same transaction. A report no longer queued (already analysed, or resolved by an admin
 * meanwhile) is left as it is.
 */
export async function applyVerdict(reportId: number, verdict: VerdictInput): Promise<VerdictOutcome> {
  const threshold = getConfig().moderation.allowThreshold;
  const status: ReportStatus =
    verdict.verdict === "allow" && verdict.score < threshold ? "dismissed" : "open";
  const outcome = await getDb().$transaction(async (tx) => {
    const report = await tx.report.findUnique({ where: { id: reportId } });
    if (report?.status !== "queued") return null;
    const at = new Date();
    let removed: Message[] = [];
    let messageRemovedAt: Date | null = null;
    if (verdict.verdict === "block" && report.messageId) {
      removed = await markModerated(tx, { messageIds: [report.messageId] }, at);
      // Already removed by another report's verdict: that removal stands for this report too.
      const message = await tx.message.findUnique({ where: { id: report.messageId } });
      messageRemovedAt = message?.moderatedAt ?? null;
    }
    const claimed = await tx.report.updateMany({
      where: { id: reportId, status: "queued" },
      data: {
        status,
        verdict: verdict.verdict,
        score: verdict.score,
        labels: verdict.labels,
        verdictReasons: verdict.reasons,
        modelVersion: verdict.model_version,
        analyzedAt: at,
        messageRemovedAt,
      },
    });
    if (!claimed.count) return null;
    await appendAudit(tx, {
      actorId: null,
      actorKind: "agent",
      action: "verdict",
      targetUserId: report.targetUserId,
      messageId: report.messageId,
      reportId: report.id,
      // The agent's reasons are sentences, each with its full stop.
      reason: verdict.reasons.join(" "),
      details: { verdict: verdict.verdict, score: verdict.score, labels: verdict.labels },
    });
    return { removed };
  });
  if (!outcome) return { applied: false, verdict: verdict.verdict, status: null, messageRemoved: false };
  await announceMessages(outcome.removed);
  return { applied: true, verdict: verdict.verdict, status, messageRemoved: outcome.removed.length > 0 };
}
