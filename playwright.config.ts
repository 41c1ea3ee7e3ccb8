import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import {
  BASE_URL,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  E2E_ADMIN,
  E2E_MAIL_HTTP_PORT,
  E2E_PG_PORT,
  E2E_PORT,
  E2E_PREVIEW_PORT,
  E2E_SMTP_PORT,
  E2E_TURN_SECRET,
  E2E_TURN_URL,
  MAIL_URL,
} from "./e2e/env.ts";

/**
 * End-to-end tests: the production build served by server/index.ts (fresh embedded PostgreSQL in
 * .test-runs/e2e on every run) plus the SMTP mail catcher, driven with Debian's Chromium.
 * Run `npm run build` first (`npm test` does). Ports can be moved with E2E_PORT, E2E_PG_PORT,
 * E2E_SMTP_PORT, E2E_MAIL_HTTP_PORT and E2E_TURN_PORT (see e2e/env.ts); CHROMIUM_PATH points at another
 * Chromium. The app hands out TURN credentials for a coturn that only runs while a call test needs it
 * (e2e/turn.ts starts it); other tests never reach TURN.
 */

// The app must use its own embedded PostgreSQL and in-memory bus. Playwright starts webServer commands
// with { ...process.env, ...webServer.env }, so these have to be removed from process.env itself
// (an empty value would not do: the app would reject it or treat it as set).
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } },
  ],
  webServer: [
    {
      name: "mail",
      command: "npx tsx test/support/mail-catcher-cli.ts",
      env: { SMTP_PORT: String(E2E_SMTP_PORT), MAIL_HTTP_PORT: String(E2E_MAIL_HTTP_PORT) },
      url: `${MAIL_URL}/mails`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      name: "app",
      command: "rm -rf .test-runs/e2e && node --import tsx server/index.ts",
      env: {
        NODE_ENV: "production",
        PORT: String(E2E_PORT),
        APP_URL: BASE_URL,
        STU_DATA_DIR: ".test-runs/e2e",
        EMBEDDED_PG_PORT: String(E2E_PG_PORT),
        AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? randomBytes(32).toString("base64url"),
        SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
        MAIL_FROM: "stu e2e <no-reply@stu.test>",
        TRUST_PROXY: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        STU_ENV_FILE: "none",
        ADMIN_EMAILS: E2E_ADMIN.email,
        TURN_URLS: E2E_TURN_URL,
        TURN_SECRET: E2E_TURN_SECRET,
        // Test-only: lets the app fetch link previews from the spec's own site on loopback.
        LINK_PREVIEW_ALLOW_HOSTS: `127.0.0.1:${E2E_PREVIEW_PORT}`,
      },
      url: `${BASE_URL}/v1/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
