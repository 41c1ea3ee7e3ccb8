import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { BASE_URL } from "./env.ts";
import { expect, type TestUser, test } from "./fixtures.ts";
import { SettingsPage } from "./pages/settings-page.ts";
import type { SignInPage } from "./pages/sign-in-page.ts";

async function openSettingsAs(page: Page, signInPage: SignInPage, user: TestUser): Promise<SettingsPage> {
  await signInPage.goto();
  await signInPage.signIn(user.email, user.password);
  await expect(page).toHaveURL((url) => url.pathname === "/");
  const settings = new SettingsPage(page);
  await settings.goto();
  return settings;
}

test("edits the profile: saved values survive a reload, a taken username is refused", async ({
  page,
  signInPage,
  seedUser,
}) => {
  const user = await seedUser();
  const other = await seedUser();
  const settings = await openSettingsAs(page, signInPage, user);
  await expect(settings.displayName).toHaveValue(user.displayName);
  await expect(settings.username).toHaveValue(user.username);

  const username = `renamed_${randomBytes(4).toString("hex")}`;
  await settings.saveProfile({ displayName: "Ada Lovelace", username: username.toUpperCase() });
  await expect(settings.saved).toBeVisible();
  // The server lower-cases usernames; the form shows what was stored.
  await expect(settings.username).toHaveValue(username);

  await page.reload();
  await settings.expectLoaded();
  await expect(settings.displayName).toHaveValue("Ada Lovelace");
  await expect(settings.username).toHaveValue(username);

  await settings.saveProfile({ username: other.username });
  await expect(settings.username).toHaveAttribute("aria-invalid", "true");
  await expect(settings.username).toHaveAccessibleDescription("That username is taken. Choose another one.");
  await expect(settings.saved).toBeHidden();

  await settings.saveProfile({ username: "9lives" });
  await expect(settings.username).toHaveAccessibleDescription(/must be 3-32 letters/);

  await page.reload();
  await settings.expectLoaded();
  await expect(settings.username).toHaveValue(username);
});

test("lists the devices and signs one out", async ({ page, request, signInPage, seedUser }) => {
  const user = await seedUser();
  const settings = await openSettingsAs(page, signInPage, user);
  // Seeding verified the e-mail through the API, which is a sign-in of its own: end it first.
  await settings.signOutOtherDevices();
  await expect(settings.devices).toHaveCount(1);
  await expect(settings.revokeOthers).toBeHidden();

  const login = await request.post(`${BASE_URL}/v1/auth/login`, {
    data: { email: user.email, password: user.password, device_name: "Work laptop", platform: "cli" },
  });
  expect(login.status()).toBe(200);
  const { access_token } = await login.json();
  const asOther = { headers: { Authorization: `Bearer ${access_token}` } };
  expect((await request.get(`${BASE_URL}/v1/users/me`, asOther)).status()).toBe(200);

  await page.reload();
  await expect(settings.devices).toHaveCount(2);
  await expect(settings.currentDevice).toHaveCount(1);
  await expect(settings.currentDevice).toContainText("This device");
  await expect(settings.otherDevices).toHaveCount(1);
  await expect(settings.otherDevices).toContainText("Work laptop");
  await expect(settings.currentDevice.getByTestId("device-revoke")).toHaveCount(0);

  // The confirm step can be backed out of with Escape; nothing is revoked.
  await settings.otherDevices.getByTestId("device-revoke").click();
  await page.keyboard.press("Escape");
  await expect(settings.otherDevices.getByTestId("device-revoke")).toBeFocused();
  await expect(settings.devices).toHaveCount(2);

  await settings.revoke(settings.otherDevices);
  await expect(settings.otherDevices).toHaveCount(0);
  await expect(settings.devices).toHaveCount(1);
  expect((await request.get(`${BASE_URL}/v1/users/me`, asOther)).status()).toBe(401);

  // This browser's own session is untouched.
  await page.reload();
  await settings.expectLoaded();
});

// Registrations are rate limited per IP (10 an hour) and every e2e test shares 127.0.0.1, so tests
// that only look at this browser's state share one account.
test("browser preferences: a dark theme sticks, system follows the device; notification permission", async ({
  page,
  context,
  signInPage,
  seedUser,
  saveScreenshot,
}) => {
  await page.emulateMedia({ colorScheme: "light" });
  const settings = await openSettingsAs(page, signInPage, await seedUser());
  await expect(settings.theme("system")).toBeChecked();
  await settings.expectDark(false);
  await saveScreenshot("settings");

  await settings.theme("dark").check();
  await settings.expectDark(true);
  await page.reload();
  await settings.expectLoaded();
  await expect(settings.theme("dark")).toBeChecked();
  await settings.expectDark(true);
  await saveScreenshot("settings-dark");

  // Arrow keys move through the radio group like any native one.
  await settings.theme("dark").focus();
  await page.keyboard.press("ArrowRight");
  await expect(settings.theme("system")).toBeChecked();
  await settings.expectDark(false);
  await page.emulateMedia({ colorScheme: "dark" });
  await settings.expectDark(true);
  await page.emulateMedia({ colorScheme: "light" });
  await settings.expectDark(false);

  await settings.theme("light").check();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await settings.expectLoaded();
  await settings.expectDark(false);

  await expect(settings.notificationsStatus).toHaveText("Off");
  await expect(settings.notificationsEnable).toBeVisible();

  await context.grantPermissions(["notifications"], { origin: BASE_URL });
  await page.reload();
  await expect(settings.notificationsStatus).toHaveText("Enabled");
  await expect(settings.notificationsEnable).toBeHidden();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test("settings fit the screen; the back link returns to the chats", async ({
    page,
    signInPage,
    seedUser,
    saveScreenshot,
  }) => {
    await page.emulateMedia({ colorScheme: "light" });
    const settings = await openSettingsAs(page, signInPage, await seedUser());
    // The seeded account's API sign-in is a second device, so the row with its Revoke button is shown too.
    await expect(settings.otherDevices).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await saveScreenshot("settings-mobile");

    await settings.back.click();
    await expect(page).toHaveURL((url) => url.pathname === "/");
  });
});
