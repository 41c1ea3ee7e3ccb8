import { Logger, type Runner, run, runMigrations } from "graphile-worker";
import pg from "pg";
import { CRONTAB, tasks } from "./tasks.ts";

export type JobQueue = { stop(): Promise<void> };

type Options = { databaseUrl: string; log: (line: string) => void };

/** graphile-worker's log lines, in the server's log; its debug chatter is dropped. */
function queueLogger(log: Options["log"]): Logger {
  return new Logger((scope) => (level, message) => {
    if (level === "debug") return;
    const task = scope.taskIdentifier ? ` ${scope.taskIdentifier}` : "";
    log(`jobs${task}: ${level === "info" ? "" : `${level}: `}${message}`);
  });
}

/**
 * graphile-worker installs and migrates its own schema (graphile_worker). Instances that start
 * together against one database take turns, so two do not both create the schema.
 */
async function migrateQueue(options: Options, logger: Logger): Promise<void> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('stu:graphile_worker:migrate'))");
    await runMigrations({ connectionString: options.databaseUrl, logger });
  } finally {
    await client.end();
  }
}

/**
 * The durable job queue in PostgreSQL: runs the tasks of lib/jobs/tasks.ts and the recurring
 * ones of its crontab, woken by LISTEN/NOTIFY when a job is added. Signals are the server's to handle.
 */
export async function startJobQueue(options: Options): Promise<JobQueue> {
  const logger = queueLogger(options.log);
  await migrateQueue(options, logger);
  const runner: Runner = await run({
    connectionString: options.databaseUrl,
    concurrency: 2,
    // Jobs due later (call ring and reconnect timers) are found by polling, not LISTEN/NOTIFY: every
    // half second, so a 30 s timer fires within about half a second of its time (default: 2 s).
    pollInterval: 500,
    maxPoolSize: 4,
    noHandleSignals: true,
    taskList: tasks,
    crontab: CRONTAB,
    logger,
  });
  return {
    async stop() {
      await runner.stop();
      options.log("jobs: stopped");
    },
  };
}
