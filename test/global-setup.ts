import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import "vitest";
import type { TestProject } from "vitest/node";
import { Api, createAccount } from "./support/api.ts";
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
    /** An admin from ADMIN_EMAILS, signed up at start: tests sign in as them to make their own admins. */
    rootAdmin: { email: string; password: string };
  }
}

const ROOT_ADMIN = { email: "root-admin@admins.test", password: "a long enough admin password" };
/** Listed in ADMIN_EMAILS but never registered at start: the test of ADMIN_EMAILS at sign-in uses it. */
export const LATE_ADMIN_EMAIL = "late-admin@admins.test";

/** One real server (production build, embedded PostgreSQL, SMTP catcher) for every integration test. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-test-"));
  const mail = await startMailCatcher();
  const authSecret = randomBytes(32).toString("base64url");
  const app = await startAppServer({
    dataDir,
    smtpPort: mail.smtpPort,
    env: { AUTH_SECRET: authSecret, ADMIN_EMAILS: `${ROOT_ADMIN.email},${LATE_ADMIN_EMAIL}` },
  });
  const mailUrl = `http://127.0.0.1:${mail.httpPort}`;
  await createAccount(new Api(undefined, { baseUrl: app.url, mailUrl }), ROOT_ADMIN);
  project.provide("baseUrl", app.url);
  project.provide("mailUrl", mailUrl);
  project.provide("rootAdmin", ROOT_ADMIN);
  project.provide("databaseUrl", app.databaseUrl);
  project.provide("authSecret", authSecret);
  project.provide("dataDir", dataDir);
  return async () => {
    await app.stop();
    await mail.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
