import { addJob } from "../jobs/add-job.ts";

export type FeedbackExample = { text: string; label: string };

/**
 * Admins' decisions go to the agent as training examples through the job queue: retried while the
 * agent is away, never holding the admin's request.
 */
export async function queueFeedback(examples: FeedbackExample[]): Promise<void> {
  if (!examples.length) return;
  await addJob("moderation_feedback", { examples }, { maxAttempts: 10 }).catch((error) =>
    console.error(`[stu] could not queue moderation feedback: ${(error as Error).message}`),
  );
}
