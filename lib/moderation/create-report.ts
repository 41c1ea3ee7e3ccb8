import type { z } from "zod";
import { getConfig } from "../config/env.ts";
import { getDb, Prisma } from "../db/client.ts";
import type { Report } from "../db/generated/client.ts";
import { AppError } from "../http/app-error.ts";
import { findMessage } from "../messages/change-message.ts";
import { consume, type Rule } from "../rate-limit/rate-limiter.ts";
import { getUser } from "../users/users.ts";
import { queueAnalysis } from "./queue-analysis.ts";
import type { createReportSchema } from "./schemas.ts";

type Input = z.infer<typeof createReportSchema>;

const reportRule = (): Rule => ({
  name: "reports",
  limit: getConfig().moderation.reportRateLimit,
  windowSeconds: 600,
});

const cannotReportSelf = () => new AppError("cannot_report_self", 422, "You cannot report yourself.");

const OPEN = ["queued", "open"] as const;

/**
 * Files a report and queues its analysis by the moderation agent. A message can be reported only by
 * a member of its chat (anyone else: 404); a repeat while the reporter's report on the same target is
 * still queued or open answers that report (created: false). Every attempt counts against the
 * reporter's rate limit.
 */
export async function createReport(
  reporterId: number,
  input: Input,
): Promise<{ report: Report; created: boolean }> {
  await consume(reportRule(), String(reporterId), "Too many reports.");
  const target =
    "message_id" in input
      ? await messageTarget(reporterId, input.message_id)
      : await userTarget(reporterId, input.user_id);
  const db = getDb();
  const same = { reporterId, targetType: target.targetType, status: { in: [...OPEN] } };
  const sameTarget =
    target.targetType === "message"
      ? { ...same, messageId: target.messageId }
      : { ...same, targetUserId: target.targetUserId };
  const existing = await db.report.findFirst({ where: sameTarget });
  if (existing) return { report: existing, created: false };
  let report: Report;
  try {
    report = await db.report.create({
      data: { reporterId, ...target, reason: input.reason, comment: input.comment || null },
    });
  } catch (error) {
    // The same report sent twice at once: the partial unique index let one through.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { report: await db.report.findFirstOrThrow({ where: sameTarget }), created: false };
    }
    throw error;
  }
  // Should this fail, the report stays queued and the every-minute re-queue picks it up.
  await queueAnalysis(report.id).catch((error) =>
    console.error(`[stu] could not queue the analysis of report ${report.id}: ${(error as Error).message}`),
  );
  return { report, created: true };
}

async function messageTarget(reporterId: number, messageId: number) {
  const { message } = await findMessage(reporterId, messageId);
  if (message.senderId === reporterId) throw cannotReportSelf();
  return {
    targetType: "message" as const,
    targetUserId: message.senderId,
    messageId: message.id,
    chatId: message.chatId,
  };
}

async function userTarget(reporterId: number, userId: number) {
  if (userId === reporterId) throw cannotReportSelf();
  await getUser(userId);
  return { targetType: "user" as const, targetUserId: userId, messageId: null, chatId: null };
}
