import type { Report } from "../db/generated/client.ts";

/** A report as its reporter sees it: what they reported and how far it got, not the verdict. */
export function toReport(r: Report) {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    comment: r.comment,
    target_type: r.targetType,
    message_id: r.messageId,
    user_id: r.targetUserId,
    created_at: r.createdAt.toISOString(),
  };
}

export type ReportView = ReturnType<typeof toReport>;
