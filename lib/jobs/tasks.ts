import type { Task } from "graphile-worker";
import { callTasks } from "../calls/timers.ts";
import { getConfig } from "../config/env.ts";
import { sweepUnsentUploads } from "../media/sweep-uploads.ts";
import { analyzeReportTask, moderationFeedbackTask, requeueReportsTask } from "../moderation/tasks.ts";

const sweepUploads: Task = async (_payload, helpers) => {
  const { expired, removed } = await sweepUnsentUploads({
    retentionSeconds: getConfig().media.uploadRetention,
    log: (line) => helpers.logger.warn(line),
    signal: helpers.abortSignal,
  });
  if (expired || removed) helpers.logger.info(`upload sweep: ${expired} expired, ${removed} deleted`);
};

/** Every background task, by the name jobs are added under. */
export const tasks = {
  sweep_uploads: sweepUploads,
  analyze_report: analyzeReportTask,
  moderation_feedback: moderationFeedbackTask,
  requeue_reports: requeueReportsTask,
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
  // Reports left queued while the moderation agent was away (graphile-worker's backoff grows long).
  "* * * * * requeue_reports ?jobKey=requeue_reports&max=1",
].join("\n");
