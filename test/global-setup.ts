import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import "vitest";
import type { TestProject } from "vitest/node";
import { startAppServer } from "./support/app-server.ts";
import { startMailCatcher } from "./support/mail-catcher.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    mailUrl: string;
    databaseUrl: string;
    /** Lets tests sign media URLs the server must refuse (an expired one). */
    authSecret: string;
    dataDir: string;
  }
}

/** One real server (production build, embedded PostgreSQL, SMTP catcher) for every integration test. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-test-"));
  const mail = await startMailCatcher();
  const authSecret = randomBytes(32).toString("base64url");
  const app = await startAppServer({ dataDir, smtpPort: mail.smtpPort, env: { AUTH_SECRET: authSecret } });
  project.provide("baseUrl", app.url);
  project.provide("mailUrl", `http://127.0.0.1:${mail.httpPort}`);
  project.provide("databaseUrl", app.databaseUrl);
  project.provide("authSecret", authSecret);
  project.provide("dataDir", dataDir);
  return async () => {
    await app.stop();
    await mail.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
