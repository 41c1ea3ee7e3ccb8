import type { Page } from "@playwright/test";
import { waitForMailMatch } from "../test/support/mail-catcher.ts";
import { apiAs } from "./api-client.ts";
import { BASE_URL, MAIL_URL } from "./env.ts";
import { expect, type TestUser, test } from "./fixtures.ts";
import { AccountSettings, PasswordRecoveryPages } from "./pages/account-pages.ts";
import { SettingsPage } from "./pages/settings-page.ts";
import { SignInPage } from "./pages/sign-in-page.ts";
import { signInAs } from "./people.ts";

const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "mobile", width: 375, height: 780 },
] as const;

async function signIn(page: Page, signInPage: SignInPage, user: TestUser, password = user.password) {
  await signInPage.goto();
  await signInPage.signIn(user.email, password);
  await expect(page).toHaveURL((url) => url.pathname === "/");
}

/** Shoots the page at both widths in light and dark, then puts the desktop light view back. */
async function shootAll(page: Page, name: string, save: (name: string) => Promise<void>) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await save(`${name}-${viewport.name}-${scheme}`);
    }
  }
  await page.setViewportSize(VIEWPORTS[0]);
  await page.emulateMedia({ colorScheme: "light" });
}

test("resets a forgotten password through the mailed link; the link works once", async ({
  page,
  signInPage,
  seedUser,
  saveScreenshot,
}) => {
  const user = await seedUser();
  await signInPage.goto();
  await page.getByTestId("signin-forgot").click();
  await expect(page).toHaveURL((url) => url.pathname === "/forgot-password");
  const recovery = new PasswordRecoveryPages(page);
  await shootAll(page, "forgot-password", saveScreenshot);
  await recovery.requestLink(user.email);
  await shootAll(page, "forgot-password-sent", saveScreenshot);

  const link = await waitForMailMatch(MAIL_URL, user.email, /(http\S+\/reset-password\?token=[\w-]+)/);
  expect(new URL(link).origin).toBe(BASE_URL);
  await page.goto(link);
  await shootAll(page, "reset-password", saveScreenshot);

  await recovery.setPassword("a new password 1", "a different one");
  await expect(recovery.confirmPassword).toHaveAccessibleDescription("The two passwords are not the same.");
  await recovery.setPassword("a new password 1");
  await expect(recovery.done).toBeVisible();

  // The old password is dead, the new one signs in.
  await page.getByTestId("reset-signin").click();
  await signInPage.expectLoaded();
  await signInPage.signIn(user.email, user.password);
  await expect(signInPage.formError).toContainText("Wrong e-mail or password.");
  await signInPage.signIn(user.email, "a new password 1");
  await expect(page).toHaveURL((url) => url.pathname === "/");

  // The same link again: refused, with a way to get a new one.
  await page.goto(link);
  await recovery.setPassword("another password 2");
  await expect(recovery.linkProblem).toContainText("not valid or was already used");
  await shootAll(page, "reset-password-used", saveScreenshot);
});

test("changes the password in settings: a wrong current one is refused, other devices are signed out", async ({
  page,
  browser,
  signInPage,
  seedUser,
  saveScreenshot,
}) => {
  const user = await seedUser();
  await signIn(page, signInPage, user);
  // A second browser signed in as the same person.
  const other = await browser.newContext({ baseURL: BASE_URL });
  const otherPage = await other.newPage();
  await signIn(otherPage, new SignInPage(otherPage), user);

  const settings = new SettingsPage(page);
  await settings.goto();
  const account = new AccountSettings(page);
  await account.changePasswordTo("not my password", "the next password");
  await expect(account.currentPassword).toHaveAccessibleDescription("That is not your current password.");
  await account.changePasswordTo(user.password, "the next password");
  await expect(account.passwordChanged).toContainText("Password changed.");
  await expect(account.passwordChanged).toContainText("signed out");
  // The device list follows: only this browser is left.
  await expect(settings.devices).toHaveCount(1);
  await expect(account.currentPassword).toHaveValue("");
  await account.passwordChanged.scrollIntoViewIfNeeded();
  await shootAll(page, "settings-password-changed", saveScreenshot);

  // This browser stays signed in; the other one is sent to sign in.
  await page.reload();
  await settings.expectLoaded();
  await otherPage.reload();
  await expect(otherPage).toHaveURL((url) => url.pathname === "/signin");
  await other.close();

  await page.context().clearCookies();
  await signIn(page, signInPage, user, "the next password");
});

test("changes the e-mail with the code mailed to the new address, then deletes the account", async ({
  browser,
  request,
  page,
  signInPage,
  seedUser,
  mailCode,
  saveScreenshot,
}) => {
  const user = await seedUser();
  const friend = await seedUser();
  const [mine, friends] = [await apiAs(request, user), await apiAs(request, friend)];
  const dialog = await friends.post<{ id: number }>("/v1/dialogs", { user_id: mine.id });
  await friends.post(`/v1/chats/${dialog.id}/messages`, { text: "see you" });
  await signIn(page, signInPage, user);
  const settings = new SettingsPage(page);
  await settings.goto();
  const account = new AccountSettings(page);

  const newEmail = `moved-${user.email}`;
  await account.newEmail.fill(newEmail);
  await account.emailPassword.fill(user.password);
  await account.requestCode.click();
  await account.code.fill(await mailCode(newEmail));
  await account.confirmCode.click();
  await expect(account.emailChanged).toContainText(newEmail);
  await expect(account.accountEmail).toHaveText(newEmail);

  // The friend has the dialog open while the account goes: it changes live, without a reload.
  const other = await signInAs(browser, friend);
  await other.app.openChat(user.displayName);
  await expect(other.app.composer).toBeVisible();

  await account.deleteOpen.click();
  await account.deletePassword.fill("wrong password");
  await account.deleteConfirm.click();
  await expect(page.getByTestId("delete-account-dialog").getByTestId("form-error")).toContainText(
    "not your current password",
  );
  await account.deletePassword.fill(user.password);
  await account.deleteConfirm.click();
  await signInPage.expectLoaded();
  await signInPage.signIn(newEmail, user.password);
  await expect(signInPage.formError).toContainText("Wrong e-mail or password.");

  // The friend still reads the dialog, under "Deleted account", but can send nothing into it.
  await expect(other.app.conversationTitle).toHaveText("Deleted account");
  await expect(other.app.conversationStatus).toHaveText("account deleted");
  await expect(other.page.getByRole("button", { name: "Voice call" })).toHaveCount(0);
  await expect(other.app.message("see you")).toBeVisible();
  await expect(other.page.getByTestId("peer-deleted")).toContainText("This account was deleted");
  await expect(other.app.composer).toHaveCount(0);
  // After a reload too.
  await other.page.reload();
  await other.app.openChat("Deleted account");
  await expect(other.page.getByTestId("peer-deleted")).toBeVisible();
  await shootAll(other.page, "dialog-deleted-account", (name) => saveScreenshot(name, other.page));
  await other.context.close();
});
