import { createServer } from "node:http";
import path from "node:path";
import compression from "compression";
import next from "next";
import { ConfigError } from "../lib/config/config-error.ts";
import { loadDotEnv } from "../lib/config/dot-env.ts";
import { type Config, getConfig, setConfig } from "../lib/config/env.ts";
import { disconnectDb } from "../lib/db/client.ts";
import { type PreparedDatabase, prepareDatabase } from "../lib/db/prepare-database.ts";
import { type JobQueue, startJobQueue } from "../lib/jobs/queue.ts";
import { type ModerationAgent, startModerationAgent } from "../lib/moderation/agent-process.ts";
import { requeueQueuedReports } from "../lib/moderation/queue-analysis.ts";
import { getBus } from "../lib/realtime/bus.ts";
import { createApiDispatcher, refuseMalformedPath } from "./api-dispatch.ts";
import { stampClientIp } from "./client-ip.ts";
import { isFileRequest, serveFileRequest } from "./file-route.ts";
import { log } from "./logger.ts";
import { createSocketServer } from "./socket-server.ts";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const ROOT = path.resolve(import.meta.dirname, "..");

function loadConfig(): Config {
  try {
    return getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`stu: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  loadDotEnv(ROOT);
  const dev = process.env.NODE_ENV !== "production";
  let config = loadConfig();

  // Set below to a clean shutdown once the server is up; until then there is nothing to stop.
  let onDatabaseLost = (_reason: string): void => process.exit(1);
  let database: PreparedDatabase;
  try {
    database = await prepareDatabase(config, log, { onGiveUp: (reason) => onDatabaseLost(reason) });
  } catch (error) {
    console.error(`stu: cannot start the database: ${(error as Error).message}`);
    process.exit(1);
  }
  config = { ...config, databaseUrl: database.url };
  setConfig(config);
  process.env.DATABASE_URL = database.url;
  // next-auth reads these from the environment.
  process.env.NEXTAUTH_URL = config.appUrl;
  process.env.NEXTAUTH_SECRET = config.authSecret;

  const app = next({ dev, dir: ROOT, port: config.port, turbopack: dev });
  try {
    await app.prepare();
  } catch (error) {
    const message = (error as Error).message;
    console.error(
      message.includes("production build")
        ? "stu: no production build found; run `npm run build` first"
        : `stu: ${message}`,
    );
    await database.stop();
    process.exit(1);
  }
  let jobs: JobQueue;
  try {
    jobs = await startJobQueue({ databaseUrl: database.url, log });
  } catch (error) {
    console.error(`stu: cannot start the job queue: ${(error as Error).message}`);
    await app.close().catch(() => {});
    await disconnectDb();
    await database.stop();
    process.exit(1);
  }
  const previewAllowed = [...config.linkPreviews.allowHosts];
  if (previewAllowed.length)
    log(
      `LINK_PREVIEW_ALLOW_HOSTS (a test-only setting) lets link previews fetch from ${previewAllowed.join(", ")}`,
    );
  let moderationAgent: ModerationAgent;
  try {
    moderationAgent = await startModerationAgent({
      config,
      log,
      // Reports queued while the agent was away are analysed as soon as it answers.
      // (agent-process.ts logs the agent's address itself.)
      onReady: () => {
        requeueQueuedReports().then(
          (count) => count && log(`re-queued the analysis of ${count} report(s)`),
          (error) => log(`could not re-queue reports: ${(error as Error).message}`),
        );
      },
    });
  } catch (error) {
    console.error(`stu: cannot start the moderation agent: ${(error as Error).message}`);
    await jobs.stop();
    await app.close().catch(() => {});
    await disconnectDb();
    await database.stop();
    process.exit(1);
  }
  const handle = app.getRequestHandler();
  // Next's own compression is off (next.config.mjs) so that API answers are not gzipped on every
  // request; pages and their scripts still are. (Its types are Express's; it takes plain Node objects.)
  const compress = compression();
  const api = dev ? undefined : await createApiDispatcher(path.join(ROOT, "app"));
  const upgradeNext = app.getUpgradeHandler();
  const sockets = createSocketServer(config);

  const server = createServer(
    {
      headersTimeout: config.http.headersTimeoutMs,
      requestTimeout: config.http.requestTimeoutMs,
      // Node checks both timeouts only this often (30 s by default), which would stretch them.
      connectionsCheckingInterval: 1000,
    },
    (req, res) => {
      stampClientIp(req, config.trustProxy);
      if (refuseMalformedPath(req, res)) return;
      if (isFileRequest(req)) void serveFileRequest(req, res);
      else if (!api?.(req, res)) compress(req as never, res as never, () => void handle(req, res));
    },
  );
  server.on("upgrade", (req, socket, head) => {
    stampClientIp(req, config.trustProxy);
    if (new URL(req.url ?? "/", "http://localhost").pathname === "/ws")
      sockets.handleUpgrade(req, socket, head);
    else void upgradeNext(req, socket, head); // Next's dev-mode hot reload socket
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log(
    `ready on ${config.appUrl} (port ${port}, ${dev ? "development" : "production"}, ${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}, ${getBus().driver} bus)`,
  );

  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) {
      log("forced exit");
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: shutting down`);
    const force = setTimeout(() => {
      log("shutdown took too long; exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    await sockets.close();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close().catch(() => {});
    // Lets a running job finish (graphile-worker aborts it after 5 s; an unfinished job is retried).
    await jobs.stop();
    await moderationAgent.stop();
    await getBus().close();
    await disconnectDb();
    await database.stop();
    log("stopped");
    process.exit(exitCode);
  };
  // A process manager (systemd, Docker's restart policy) brings stu back with a fresh PostgreSQL.
  onDatabaseLost = () => {
    console.error("stu: embedded PostgreSQL keeps failing (see postgres.log in the data directory); exiting");
    void shutdown("database lost", 1);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

void main().catch((error) => {
  console.error("stu: failed to start:", error);
  process.exit(1);
});
