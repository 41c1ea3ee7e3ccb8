import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { BASE_URL, CHROMIUM_ARGS, CHROMIUM_PATH } from "./env.ts";
import { expect, type TestUser, test } from "./fixtures.ts";
import { PushSettingsSection } from "./pages/push-settings.ts";
import { SettingsPage } from "./pages/settings-page.ts";
import type { SignInPage } from "./pages/sign-in-page.ts";

// Chromium's PushManager talks only to Google's push service, which cannot be reached from here:
// these tests cover the app's side (manifest, service worker, the Settings states); delivery itself
// is tested against a local stand-in in test/integration/push.test.ts.

async function openSettings(page: Page, signInPage: SignInPage, user: TestUser) {
  await signInPage.goto();
  await signInPage.signIn(user.email, user.password);
  await expect(page).toHaveURL((url) => url.pathname === "/");
  const settings = new SettingsPage(page);
  await settings.goto();
  return { settings, push: new PushSettingsSection(page) };
}

test("the manifest is served and passes Chromium's installability checks; icons load", async () => {
  // Chromium never offers to install from an incognito profile, which Playwright's contexts are.
  const profile = mkdtempSync(path.join(os.tmpdir(), "stu-e2e-install-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    baseURL: BASE_URL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/signin");
    const res = await page.request.get("/manifest.webmanifest");
    expect(res.ok()).toBe(true);
    expect(res.headers()["content-type"]).toContain("application/manifest+json");
    const manifest = await res.json();
    expect(manifest).toMatchObject({ name: "stu", start_url: "/", display: "standalone" });

    const cdp = await context.newCDPSession(page);
    const { errors, data } = await cdp.send("Page.getAppManifest");
    expect(errors).toEqual([]);
    expect(JSON.parse(data ?? "{}").name).toBe("stu");
    await expect
      .poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors)
      .toEqual([]);

    for (const icon of [...manifest.icons, { src: "/icons/apple-touch-icon.png", sizes: "180x180" }]) {
      const size = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return `${img.naturalWidth}x${img.naturalHeight}`;
      }, icon.src);
      expect(size).toBe(icon.sizes);
    }
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute(
      "href",
      "/icons/apple-touch-icon.png",
    );
    await expect(page.locator('meta[name="theme-color"]')).toHaveCount(2);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("the service worker registers for the whole site and takes control", async ({ page }) => {
  await page.goto("/signin");
  const registration = await page.evaluate(async () => {
    const ready = await navigator.serviceWorker.ready;
    return { scope: ready.scope, script: ready.active?.scriptURL };
  });
  expect(registration).toEqual({ scope: `${BASE_URL}/`, script: `${BASE_URL}/sw.js` });
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${BASE_URL}/sw.js`);
});

test("the service worker shows a push (delivered over CDP) only while no stu window is in view; one per chat", async ({
  context,
}) => {
  await context.grantPermissions(["notifications"], { origin: BASE_URL });
  const stu = await context.newPage();
  await stu.goto("/signin");
  await stu.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // A tab of another site drives the service worker through DevTools' push delivery.
  const elsewhere = await context.newPage();
  await elsewhere.goto("about:blank");
  const cdp = await context.newCDPSession(elsewhere);
  const registrations: string[] = [];
  cdp.on("ServiceWorker.workerRegistrationUpdated", (e) =>
    registrations.push(...e.registrations.filter((r) => !r.isDeleted).map((r) => r.registrationId)),
  );
  await cdp.send("ServiceWorker.enable");
  await expect.poll(() => registrations.length).toBeGreaterThan(0);
  const deliver = (payload: object) =>
    cdp.send("ServiceWorker.deliverPushMessage", {
      origin: BASE_URL,
      registrationId: registrations[0]!,
      data: JSON.stringify(payload),
    });
  const message = (id: number, body: string) => ({
    type: "new_message",
    chat_id: 7,
    message_id: id,
    tag: "chat-7",
    url: "/c/7",
    title: "Weekend plans",
    body,
    preview: false,
  });
  const shown = (page: Page) =>
    page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        tag: n.tag,
        url: n.data?.url,
      })),
    );

  // The stu tab is in view: it shows the message itself, so the worker stays quiet.
  await deliver(message(1, "New message from ann"));
  await stu.waitForTimeout(500);
  expect(await shown(stu)).toEqual([]);

  await stu.close();
  await deliver(message(2, "New message from ann"));
  await deliver(message(3, "New message from bob"));
  await elsewhere.waitForTimeout(500);
  const back = await context.newPage();
  await back.goto("/signin");
  // The later message of the chat replaced the earlier one (same tag).
  expect(await shown(back)).toEqual([
    { title: "Weekend plans", body: "New message from bob", tag: "chat-7", url: "/c/7" },
  ]);
});

test("push without permission: enabling when the browser refuses shows Blocked", async ({
  page,
  signInPage,
  seedUser,
}) => {
  const { push } = await openSettings(page, signInPage, await seedUser());
  await push.expectState("off", "Off");
  await expect(push.enable).toBeVisible();
  // Playwright's Chromium answers permission prompts with "denied" unless the permission was granted.
  await push.enable.click();
  await push.expectState("denied", "Blocked");
  await expect(push.device).toContainText("Allow them in your browser's site settings");
  await expect(push.enable).toBeHidden();
  await push.screenshot("push-settings-blocked");
});

test("push with permission but no reachable push service: a clear error, still off", async ({
  page,
  context,
  signInPage,
  seedUser,
}) => {
  await context.grantPermissions(["notifications"], { origin: BASE_URL });
  const { push } = await openSettings(page, signInPage, await seedUser());
  await push.expectState("off", "Off");
  await push.enable.click();
  await expect(push.error).toContainText("Could not reach the browser's push service");
  await push.expectState("off", "Off");
  await expect(push.enable).toBeEnabled();
});

test("a browser without the Push API says so", async ({ page, signInPage, seedUser }) => {
  await page.addInitScript(() => {
    // @ts-expect-error – a browser without the Push API (iOS Safari outside a Home Screen app)
    delete window.PushManager;
  });
  const { push } = await openSettings(page, signInPage, await seedUser());
  await push.expectState("unsupported", "Not supported");
  await expect(push.device).toContainText("add stu to the Home Screen");
  await expect(push.enable).toBeHidden();
});

test("the previews switch is saved for the account; the device list marks devices with push", async ({
  page,
  request,
  signInPage,
  seedUser,
}) => {
  const user = await seedUser();
  // Another device of the account (an API sign-in) with a push subscription of its own.
  const login = await request.post(`${BASE_URL}/v1/auth/login`, {
    data: { email: user.email, password: user.password, device_name: "Phone" },
  });
  const phone = await login.json();
  const subscribed = await request.put(`${BASE_URL}/v1/push/subscription`, {
    headers: { authorization: `Bearer ${phone.access_token}` },
    data: {
      endpoint: "https://push.example.test/send/abc",
      keys: {
        p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
        auth: "tBHItJI5svbpez7KI4CCXg",
      },
    },
  });
  expect(subscribed.status()).toBe(200);

  const { settings, push } = await openSettings(page, signInPage, user);
  const phoneRow = settings.devices.filter({ hasText: "Phone" });
  await expect(phoneRow.getByTestId("device-push")).toHaveText("Push");
  await expect(settings.currentDevice.getByTestId("device-push")).toHaveCount(0);
  await push.screenshot("push-devices", page.getByTestId("settings-devices"));

  await expect(push.previews).toHaveAttribute("aria-checked", "false");
  await push.previews.click();
  await expect(push.previews).toHaveAttribute("aria-checked", "true");
  await page.reload();
  await settings.expectLoaded();
  await expect(push.previews).toHaveAttribute("aria-checked", "true");
  const stored = await request.get(`${BASE_URL}/v1/push/settings`, {
    headers: { authorization: `Bearer ${phone.access_token}` },
  });
  expect(await stored.json()).toEqual({ previews: true });
  // Keyboard: Space toggles the focused switch back.
  await push.previews.focus();
  await page.keyboard.press("Space");
  await expect(push.previews).toHaveAttribute("aria-checked", "false");
});

for (const scheme of ["light", "dark"] as const) {
  test(`Settings → Notifications at 1440 px, ${scheme}`, async ({ page, signInPage, seedUser }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const { push } = await openSettings(page, signInPage, await seedUser());
    await push.expectState("off", "Off");
    await push.screenshot(`push-settings-1440-${scheme}`);
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  for (const scheme of ["light", "dark"] as const) {
    test(`Settings → Notifications at 375 px, ${scheme}; the switch answers a tap`, async ({
      page,
      signInPage,
      seedUser,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const { push } = await openSettings(page, signInPage, await seedUser());
      await push.expectState("off", "Off");
      await push.previews.tap();
      await expect(push.previews).toHaveAttribute("aria-checked", "true");
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await push.section.scrollIntoViewIfNeeded();
      await push.screenshot(`push-settings-375-${scheme}`);
    });
  }
});
