import type { Browser, BrowserContext, BrowserContextOptions, Page } from "@playwright/test";
import { clientIp, newUser, type TestUser } from "./fixtures.ts";
import { HomePage } from "./pages/home-page.ts";
import { MessengerPage } from "./pages/messenger-page.ts";
import { SignInPage } from "./pages/sign-in-page.ts";
import { SignUpPage } from "./pages/sign-up-page.ts";
import { VerifyPage } from "./pages/verify-page.ts";

/** Several people at once: each in a browser context of their own, from their own address. */
export type Person = { user: TestUser; context: BrowserContext; page: Page; app: MessengerPage };

export async function newPersonContext(
  browser: Browser,
  viewport = { width: 1440, height: 900 },
  options: BrowserContextOptions = {},
) {
  const context = await browser.newContext({
    ...options,
    viewport,
    extraHTTPHeaders: { "x-forwarded-for": clientIp() },
  });
  return { context, page: await context.newPage() };
}

/** A new person who signs up and verifies through the UI, in a browser of their own. */
export async function registerThroughUi(
  browser: Browser,
  mailCode: (email: string) => Promise<string>,
): Promise<Person> {
  const user = newUser();
  const { context, page } = await newPersonContext(browser);
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(user);
  const verify = new VerifyPage(page);
  await verify.expectLoadedFor(user.email);
  await verify.verify(await mailCode(user.email));
  await new HomePage(page).expectSignedInAs(user.displayName);
  return { user, context, page, app: new MessengerPage(page) };
}

/** A phone: small screen, touch input, no hover. */
export const PHONE = { width: 375, height: 812 };
export const TOUCH: BrowserContextOptions = { hasTouch: true, isMobile: true };

export async function signInAs(
  browser: Browser,
  user: TestUser,
  viewport?: { width: number; height: number },
  options?: BrowserContextOptions,
): Promise<Person> {
  const { context, page } = await newPersonContext(browser, viewport, options);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user.email, user.password);
  const app = new MessengerPage(page);
  await app.expectOnline();
  return { user, context, page, app };
}

/** `user` signed in and in a dialog with `other`, started from the new-chat dialog as a person would. */
export async function signInToDialog(
  browser: Browser,
  user: TestUser,
  other: TestUser,
  viewport?: { width: number; height: number },
  options?: BrowserContextOptions,
): Promise<Person> {
  const person = await signInAs(browser, user, viewport, options);
  await person.app.startDialog(other.username, other.displayName);
  return person;
}
