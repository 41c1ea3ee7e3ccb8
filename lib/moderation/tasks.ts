import type { Task } from "graphile-worker";
import { z } from "zod";
import { analyzePacket, sendFeedback } from "./agent-client.ts";
import { analyzeReport } from "./analyze-report.ts";
import { openForReview } from "./open-for-review.ts";
import { feedbackExampleSchema } from "./packet.ts";
import { requeueQueuedReports } from "./queue-analysis.ts";

const analyzePayload = z.object({ report_id: z.number().int().positive() });
const feedbackPayload = z.object({ examples: z.array(feedbackExampleSchema).min(1) });

// Errors of the agent's client that no retry will cure (the agent refused this very request, or the
// packet could not be built to its schema). Matched by name: the class may come from another copy
// of the module.
const isPermanent = (error: unknown) =>
  ["AgentRequestError", "ZodError"].includes((error as Error | null)?.name ?? "");

/** Seals the report for the agent and acts on the verdict; an unreachable agent throws (retried). */
export const analyzeReportTask: Task = async (payload, helpers) => {
  const { report_id } = analyzePayload.parse(payload);
  const started = Date.now();
  try {
    const outcome = await analyzeReport(report_id, analyzePacket);
    if (outcome?.applied) {
      helpers.logger.info(
        `report ${report_id}: ${outcome.verdict} → ${outcome.status}${outcome.messageRemoved ? " (message removed)" : ""} in ${Date.now() - started} ms`,
      );
    }
  } catch (error) {
    if (!isPermanent(error)) throw error;
    const code = (error as { code?: string }).code ?? "invalid_packet";
    helpers.logger.error(
      `report ${report_id}: the agent cannot analyse it (${(error as Error).message}); queued for admins`,
    );
    await openForReview(report_id, { code, message: (error as Error).message });
  }
};

export const moderationFeedbackTask: Task = async (payload) => {
  await sendFeedback(feedbackPayload.parse(payload).examples);
};

/** The every-minute catch-up: reports still queued (the agent was away) are analysed now. */
export const requeueReportsTask: Task = async (_payload, helpers) => {
  const count = await requeueQueuedReports();
  if (count) helpers.logger.info(`re-queued the analysis of ${count} report(s)`);
};
