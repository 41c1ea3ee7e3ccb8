import type { Task } from "graphile-worker";
import { z } from "zod";
import { mailPasswordReset } from "../auth/password-reset.ts";
import { callTasks } from "../calls/timers.ts";
import { getConfig } from "../config/env.ts";
import { attachLinkPreview } from "../link-previews/attach-preview.ts";
import { sweepLinkPreviews } from "../link-previews/sweep-previews.ts";
import { sweepUnsentUploads } from "../media/sweep-uploads.ts";
import { analyzeReportTask, moderationFeedbackTask, requeueReportsTask } from "../moderation/tasks.ts";
import { pushMessageTask } from "../push/push-message.ts";

const sweepUploads: Task = async (_payload, helpers) => {
  const { expired, removed } = await sweepUnsentUploads({
    retentionSeconds: getConfig().media.uploadRetention,
    log: (line) => helpers.logger.warn(line),
    signal: helpers.abortSignal,
  });
  if (expired || removed) helpers.logger.info(`upload sweep: ${expired} expired, ${removed} deleted`);
};

const passwordResetMail: Task = async (payload, helpers) => {
  const { email } = z.object({ email: z.string() }).parse(payload);
  // The address is not logged: the queue's log must not tell which e-mails have accounts.
  if (await mailPasswordReset(email)) helpers.logger.info("password reset mailed");
};

const linkPreview: Task = async (payload, helpers) => {
  const { message_id, url } = z.object({ message_id: z.number().int(), url: z.string() }).parse(payload);
  await attachLinkPreview(message_id, url, (line) => helpers.logger.info(line));
};

const sweepPreviews: Task = async (_payload, helpers) => {
  const removed = await sweepLinkPreviews({
    log: (line) => helpers.logger.warn(line),
    signal: helpers.abortSignal,
  });
  if (removed) helpers.logger.info(`link preview sweep: ${removed} unused previews deleted`);
};

/** Every background task, by the name jobs are added under. */
export const tasks = {
  sweep_uploads: sweepUploads,
  password_reset_mail: passwordResetMail,
  link_preview: linkPreview,
  sweep_link_previews: sweepPreviews,
  analyze_report: analyzeReportTask,
  moderation_feedback: moderationFeedbackTask,
  requeue_reports: requeueReportsTask,
  push_message: pushMessageTask,
  ...callTasks,
} satisfies Record<string, Task>;

export type JobName = keyof typeof tasks;

/**
 * Recurring jobs (graphile-worker crontab syntax). `fill` backfills a run missed while no instance
 * was up; the job key keeps at most one of them waiting; every instance may run the schedule, each
 * time slot is queued once.
 */
export const CRONTAB = [
  "*/15 * * * * sweep_uploads ?fill=1h&jobKey=sweep_uploads&max=5",
  "17 * * * * sweep_link_previews ?fill=1h&jobKey=sweep_link_previews&max=3",
  // Reports left queued while the moderation agent was away (graphile-worker's backoff grows long).
  "* * * * * requeue_reports ?jobKey=requeue_reports&max=1",
].join("\n");
