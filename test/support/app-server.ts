import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "./free-port.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export type AppServer = {
  url: string;
  port: number;
  /** The server process (tests that kill it on purpose need it). */
  pid: number;
  /** Resolves when the server process has ended, with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  databaseUrl: string;
  logs: string[];
  stop(): Promise<void>;
};

type Options = { dataDir: string; smtpPort: number; env?: Record<string, string> };

/**
 * Starts the real server (server/index.ts, production mode, the built Next app) with its own
 * embedded PostgreSQL in `dataDir`, and waits until /v1/health answers.
 */
export async function startAppServer(options: Options): Promise<AppServer> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("no production build: run `npm run build` before the integration tests (npm test does)");
  }
  const [port, pgPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: url,
    STU_DATA_DIR: options.dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    SMTP_URL: `smtp://127.0.0.1:${options.smtpPort}`,
    MAIL_FROM: "stu test <no-reply@stu.test>",
    TRUST_PROXY: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    STU_ENV_FILE: "none",
    ...options.env,
  };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  if (!options.env?.REDIS_URL) delete env.REDIS_URL;

  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const keep = (chunk: Buffer) => logs.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited during start:\n${logs.slice(-15).join("\n")}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy:\n${logs.slice(-15).join("\n")}`);
    }
    const ok = await fetch(`${url}/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  const password = options.env?.DATABASE_URL
    ? ""
    : readFileSync(path.join(options.dataDir, "pg-password"), "utf8").trim();
  return {
    url,
    port,
    pid: child.pid!,
    exited,
    databaseUrl:
      options.env?.DATABASE_URL ??
      `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/stu`,
    logs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      child.kill("SIGTERM");
      await exited;
      clearTimeout(timer);
    },
  };
}
