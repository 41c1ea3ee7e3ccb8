import { getDb, Prisma } from "../db/client.ts";
import { addJob } from "../jobs/add-job.ts";

// graphile-worker's backoff grows with every attempt (exp(attempts) seconds); the re-queue below
// keeps a report from waiting hours once the agent is back.
const ATTEMPTS = 25;
const jobKey = (reportId: number) => `analyze_report:${reportId}`;

/** Queues the agent's analysis of a report (one waiting job per report). */
export async function queueAnalysis(reportId: number): Promise<void> {
  await addJob(
    "analyze_report",
    { report_id: reportId },
    { jobKey: jobKey(reportId), maxAttempts: ATTEMPTS },
  );
}

/**
 * Re-adds the analysis of every report still waiting for the agent, to run now (the same job key
 * replaces a job waiting out its backoff). Run when the agent becomes reachable and every minute.
 */
export async function requeueQueuedReports(): Promise<number> {
  const rows = await getDb().$queryRaw<{ id: number }[]>(Prisma.sql`
    SELECT r.id, graphile_worker.add_job(
      identifier => 'analyze_report',
      payload => json_build_object('report_id', r.id),
      max_attempts => ${ATTEMPTS}::int,
      job_key => 'analyze_report:' || r.id
    ) IS NOT NULL AS queued
    FROM reports r WHERE r.status = 'queued' ORDER BY r.id`);
  return rows.length;
}
