import { getDb, Prisma } from "../db/client.ts";
import type { JobName } from "./tasks.ts";

export type JobOptions = {
  runAt?: Date;
  maxAttempts?: number;
  /** At most one waiting job per key: adding another replaces it. */
  jobKey?: string;
};

/** Where the job is added: the client, or a transaction (the job then exists only if it commits). */
type Executor = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * Queues a job through graphile-worker's SQL API, from any process that has the database (route
 * handlers, the socket server); the worker picks it up at once (LISTEN/NOTIFY). Answers the job's id.
 */
export async function addJob(
  name: JobName,
  payload: object = {},
  options: JobOptions = {},
  db: Executor = getDb(),
): Promise<string> {
  const rows = await db.$queryRaw<{ id: bigint }[]>(Prisma.sql`
    SELECT (graphile_worker.add_job(
      identifier => ${name},
      payload => ${JSON.stringify(payload)}::json,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}
    )).id`);
  return String(rows[0]!.id);
}
