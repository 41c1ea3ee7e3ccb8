import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres.ts";
import { type AppServer, startAppServer } from "./app-server.ts";
import { freePort } from "./free-port.ts";
import { startMailCatcher } from "./mail-catcher.ts";

export type Cleanups = Array<() => Promise<void> | void>;
export type Cluster = { a: AppServer; b: AppServer; mailUrl: string };

/**
 * Two app instances sharing one PostgreSQL, one Redis and one mail catcher. Whatever got started is
 * registered in `cleanups` (undo them with runCleanups), also when a later step fails.
 */
export async function startCluster(redisUrl: string, cleanups: Cleanups, tag: string): Promise<Cluster> {
  const root = mkdtempSync(path.join(os.tmpdir(), `stu-${tag}-`));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  // A directory of its own under the system temp dir: as root, PostgreSQL runs as "postgres", which
  // must be able to pass through every parent (mkdtemp makes `root` 0700).
  const pgDir = mkdtempSync(path.join(os.tmpdir(), `stu-${tag}-pg-`));
  cleanups.push(() => rmSync(pgDir, { recursive: true, force: true }));
  const postgres = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort() });
  cleanups.push(() => postgres.stop());
  const mail = await startMailCatcher();
  cleanups.push(() => mail.close());

  // The same secret on both instances, so that tokens from one are good on the other.
  const env = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redisUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  const dirs = ["a", "b"].map((name) => path.join(root, name));
  for (const dir of dirs) mkdirSync(dir);
  // Started together: both apply migrations at start, serialised on PostgreSQL's advisory lock.
  const started = await Promise.allSettled(
    dirs.map((dataDir) => startAppServer({ dataDir, smtpPort: mail.smtpPort, env })),
  );
  for (const result of started) if (result.status === "fulfilled") cleanups.push(() => result.value.stop());
  for (const result of started) if (result.status === "rejected") throw result.reason;
  const [a, b] = started.map((r) => (r as PromiseFulfilledResult<AppServer>).value) as [AppServer, AppServer];
  return { a, b, mailUrl: `http://127.0.0.1:${mail.httpPort}` };
}

/** Undoes in reverse order, going on past failures. */
export async function runCleanups(cleanups: Cleanups, label: string): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`${label} teardown:`, error);
    }
  }
}

/** After a failed test, the instances' last log lines say what they saw. */
export function printLogsIfFailed(failed: boolean, servers: Record<string, AppServer | undefined>): void {
  if (!failed) return;
  for (const [name, server] of Object.entries(servers))
    if (server) console.error(`--- instance ${name} (last lines) ---\n${server.logs.slice(-40).join("\n")}`);
}
