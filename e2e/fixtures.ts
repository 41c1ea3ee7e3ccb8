import { randomBytes, randomInt } from "node:crypto";
import path from "node:path";
import { type APIRequestContext, test as base, expect, type Page } from "@playwright/test";
import { waitForCode } from "../test/support/mail-catcher.ts";
import { BASE_URL, E2E_ADMIN, MAIL_URL } from "./env.ts";
import { HomePage } from "./pages/home-page.ts";
import { SignInPage } from "./pages/sign-in-page.ts";
import { SignUpPage } from "./pages/sign-up-page.ts";
import { VerifyPage } from "./pages/verify-page.ts";

export type TestUser = { email: string; username: string; displayName: string; password: string };

export const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");

/** Fresh, unique credentials (nothing is created on the server). */
export function newUser(): TestUser {
  const id = randomBytes(5).toString("hex");
  return {
    email: `e2e-${id}@example.test`,
    username: `e2e_${id}`,
    displayName: `E2E Tester ${id.slice(0, 4)}`,
    password: `pw-${randomBytes(8).toString("hex")}`,
  };
}

/**
 * A client address of its own for every browser context (the e2e server trusts X-Forwarded-For), so
 * the per-IP sign-up limit (10 an hour) applies per simulated person, as it would in real life.
 */
export function clientIp(): string {
  return `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

type Fixtures = {
  signUpPage: SignUpPage;
  verifyPage: VerifyPage;
  signInPage: SignInPage;
  homePage: HomePage;
  /** Reads the 6-digit verification code mailed to `email` from the SMTP catcher. */
  mailCode: (email: string) => Promise<string>;
  /** Creates an account through the HTTP API; verified (code from the mail catcher) unless told otherwise. */
  seedUser: (options?: { verified?: boolean }) => Promise<TestUser>;
  /** The run's admin (its address is in ADMIN_EMAILS), registered by the first test that asks. */
  seedAdmin: () => Promise<TestUser>;
  /** Saves a full-page screenshot to e2e/screenshots/<name>.png. */
  saveScreenshot: (name: string, page?: Page) => Promise<void>;
};

async function postJson(request: APIRequestContext, url: string, data: unknown): Promise<void> {
  const res = await request.post(url, { data });
  expect(res.ok(), `POST ${url} -> ${res.status()} ${await res.text()}`).toBe(true);
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies.
  extraHTTPHeaders: async ({}, use) => use({ "x-forwarded-for": clientIp() }),

  signUpPage: async ({ page }, use) => use(new SignUpPage(page)),
  verifyPage: async ({ page }, use) => use(new VerifyPage(page)),
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  homePage: async ({ page }, use) => use(new HomePage(page)),

  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies.
  mailCode: async ({}, use) => use((email) => waitForCode(MAIL_URL, email)),

  seedUser: async ({ request, mailCode }, use) => {
    await use(async ({ verified = true } = {}) => {
      const user = newUser();
      await postJson(request, `${BASE_URL}/v1/auth/register`, {
        email: user.email,
        password: user.password,
        username: user.username,
        display_name: user.displayName,
      });
      if (verified) {
        const code = await mailCode(user.email);
        await postJson(request, `${BASE_URL}/v1/auth/verify`, { email: user.email, code });
      }
      return user;
    });
  },

  seedAdmin: async ({ request, mailCode }, use) => {
    await use(async () => {
      const res = await request.post(`${BASE_URL}/v1/auth/register`, {
        data: {
          email: E2E_ADMIN.email,
          password: E2E_ADMIN.password,
          username: E2E_ADMIN.username,
          display_name: E2E_ADMIN.displayName,
        },
      });
      if (res.ok()) {
        const code = await mailCode(E2E_ADMIN.email);
        await postJson(request, `${BASE_URL}/v1/auth/verify`, { email: E2E_ADMIN.email, code });
      } else {
        // An earlier test of this run registered it already.
        expect(res.status(), await res.text()).toBe(409);
      }
      return { ...E2E_ADMIN };
    });
  },

  saveScreenshot: async ({ page }, use) => {
    await use(async (name, target = page) => {
      // Stable pictures: fonts loaded, no caret, no hover or half-finished transition on the last clicked button.
      await target.mouse.move(0, 0);
      await target.evaluate(async () => {
        await document.fonts.ready;
      });
      await target.screenshot({
        path: path.join(SCREENSHOT_DIR, `${name}.png`),
        fullPage: true,
        caret: "hide",
        animations: "disabled",
      });
    });
  },
});

export { expect };
