import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { recordPeerConnections } from "./call-probe.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./env.ts";
import { expect, type TestUser, test } from "./fixtures.ts";
import { CallUi } from "./pages/call-ui.ts";
import { type Person, PHONE, signInAs, signInToDialog, TOUCH } from "./people.ts";

/**
 * The call UI in Chromium with fake camera and microphone (the media assertions themselves are in
 * calls.spec.ts): what people see and press, at 1440 and 375 px, light and dark.
 */
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
  },
});

const DESKTOP = { width: 1440, height: 900 };
const MEDIA: BrowserContextOptions = { permissions: ["camera", "microphone"] };

type Caller = Person & { calls: CallUi };

async function join(
  browser: Browser,
  user: TestUser,
  other?: TestUser,
  viewport = DESKTOP,
  options: BrowserContextOptions = {},
): Promise<Caller> {
  const person = other
    ? await signInToDialog(browser, user, other, viewport, { ...MEDIA, ...options })
    : await signInAs(browser, user, viewport, { ...MEDIA, ...options });
  await person.context.addInitScript(recordPeerConnections);
  // The init script applies from the next document on.
  await person.page.reload();
  await person.app.expectOnline();
  return { ...person, calls: new CallUi(person.page) };
}

/** Each of the four pictures: 1440 and 375 px, light and dark (the page is resized in place). */
async function fourShots(page: Page, name: string, save: (name: string, page: Page) => Promise<void>) {
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["mobile", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark)/);
      // No focus ring left on the last pressed control.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await save(`${name}-${size}-${scheme}`, page);
    }
  }
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({ colorScheme: "light" });
}

/** Inbound video frames from every connection of the page (0 when none has video yet). */
async function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs ?? [];
    let frames = 0;
    for (const pc of pcs) {
      (await pc.getStats()).forEach((s) => {
        if (s.type === "inbound-rtp" && s.kind === "video") frames += s.framesDecoded ?? 0;
      });
    }
    return frames;
  });
}

test("header call buttons in dialogs and groups; Decline and Escape decline, both sides get the entry", async ({
  browser,
  seedUser,
}) => {
  test.setTimeout(120_000);
  const [a, b, c] = [await seedUser(), await seedUser(), await seedUser()];
  const alice = await join(browser, a, b);
  const bob = await join(browser, b);
  await expect(alice.calls.headerButton("voice")).toBeVisible();
  await expect(alice.calls.headerButton("video")).toBeVisible();

  // Decline with the button: the caller is told and both read the entry from their own side.
  await alice.calls.start("voice");
  const ringing = bob.calls.incoming("Incoming voice call");
  await expect(ringing).toBeVisible();
  await expect(ringing).toContainText(a.displayName);
  await expect(ringing.getByRole("button", { name: "Accept as voice" })).toHaveCount(0);
  await ringing.getByRole("button", { name: "Decline", exact: true }).click();
  await expect(ringing).toHaveCount(0);
  await expect(alice.calls.screen).toHaveCount(0);
  await expect(alice.calls.notice).toContainText("declined");
  await expect(alice.calls.entryText().last()).toHaveText("Call declined");
  await bob.app.openChat(a.displayName);
  await expect(bob.calls.entryText().last()).toHaveText("Declined voice call");
  await expect(bob.app.chatRow(a.displayName).getByTestId("chat-row-preview")).toHaveText(
    "Declined voice call",
  );

  // Escape declines a video call too; a video call offers "Accept as voice".
  await alice.calls.start("video");
  const video = bob.calls.incoming("Incoming video call");
  await expect(video.getByRole("button", { name: "Accept as voice" })).toBeVisible();
  await expect(video.getByRole("button", { name: "Accept", exact: true })).toBeFocused();
  await bob.page.keyboard.press("Escape");
  await expect(video).toHaveCount(0);
  await expect(alice.calls.screen).toHaveCount(0);
  await expect(bob.calls.entries).toHaveCount(2);
  await expect(bob.calls.entryText().last()).toHaveText("Declined video call");
  await expect(alice.calls.entries.last().getByRole("button", { name: "Call back" })).toBeVisible();

  // Groups have the buttons too.
  await alice.app.createGroup("Call crew", [b.username, c.username]);
  await expect(alice.calls.headerButton("voice")).toBeVisible();
  await expect(alice.calls.headerButton("video")).toBeVisible();
  for (const p of [alice, bob]) await p.context.close();
});

test("a video call: ringing, Enter accepts, controls toggle, minimise and restore, hang up writes the entries", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(180_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await join(browser, a, b);
  const bob = await join(browser, b);

  await alice.calls.start("video");
  await expect(alice.calls.screen).toHaveAccessibleName(`Call with ${b.displayName}`);
  await expect(alice.calls.screen.getByTestId("call-waiting")).toHaveText("Ringing…");
  const ringing = bob.calls.incoming("Incoming video call");
  await expect(ringing).toBeVisible();
  await fourShots(alice.page, "call-outgoing", saveScreenshot);
  await fourShots(bob.page, "call-incoming", saveScreenshot);

  // Enter answers (Accept has the focus).
  await bob.page.keyboard.press("Enter");
  await expect(ringing).toHaveCount(0);
  await alice.calls.expectPhase("connected");
  await bob.calls.expectPhase("connected");
  await expect(bob.calls.screen).toHaveAccessibleName(`Call with ${a.displayName}`);
  await expect(alice.calls.screen.getByTestId("call-duration")).toHaveText(/^\d+:\d\d$/);
  await expect(alice.calls.screen.getByTestId("remote-video")).toHaveCount(1);
  await expect(alice.calls.screen.getByTestId("local-video")).toBeVisible();
  await expect.poll(() => framesDecoded(alice.page), { timeout: 20_000 }).toBeGreaterThan(10);
  await expect(alice.calls.screen.getByTestId("call-quality")).toHaveAttribute(
    "title",
    /round trip|measuring/,
  );

  // The controls say what they will do next.
  await alice.calls.control("Mute").click();
  await expect(alice.calls.control("Unmute")).toBeVisible();
  await expect(bob.calls.screen.getByTestId("peer-muted")).toBeVisible();
  await alice.calls.control("Turn camera off").click();
  await expect(alice.calls.control("Turn camera on")).toBeVisible();
  await expect(bob.calls.screen.getByTestId("peer-camera-off")).toBeVisible();
  await alice.calls.control("Turn camera on").click();
  await alice.calls.control("Unmute").click();
  await expect(alice.calls.control("Mute")).toBeVisible();
  await expect(bob.calls.screen.getByTestId("peer-muted")).toHaveCount(0);
  await alice.calls.control("Devices").click();
  await expect(alice.page.getByRole("combobox", { name: "Microphone" })).toBeVisible();
  await expect(alice.page.getByRole("combobox", { name: "Camera" })).toBeVisible();
  await alice.page.keyboard.press("Escape");
  await expect(alice.page.getByRole("combobox", { name: "Microphone" })).toHaveCount(0);
  await expect(alice.calls.screen).toBeVisible();
  await expect.poll(() => framesDecoded(bob.page), { timeout: 20_000 }).toBeGreaterThan(10);
  await fourShots(alice.page, "call-video", saveScreenshot);

  // Minimised, the chat is usable; a click brings the call back.
  await alice.calls.screen.getByRole("button", { name: "Minimise call" }).click();
  await expect(alice.calls.screen).toHaveCount(0);
  await expect(alice.calls.minimised).toBeVisible();
  await alice.app.send("Still talking, just typing this");
  await expect(alice.app.statusOf("Still talking, just typing this")).toHaveAttribute(
    "data-status",
    /sent|delivered|read/,
  );
  await alice.calls.minimised.getByRole("button", { name: "Return to call" }).click();
  await alice.calls.expectPhase("connected");

  // Hang up: both screens close, both read the entry from their side.
  await alice.calls.control("Hang up").click();
  await expect(alice.calls.screen).toHaveCount(0);
  await expect(bob.calls.screen).toHaveCount(0);
  await expect(alice.calls.entryText().last()).toHaveText(/^Outgoing video call · \d+ s$/);
  await bob.app.openChat(a.displayName);
  await expect(bob.calls.entryText().last()).toHaveText(/^Incoming video call · \d+ s$/);
  await expect(bob.app.message("Still talking, just typing this")).toBeVisible();
  // The entry came last, so it is the chat list's preview.
  await expect(bob.app.chatRow(a.displayName).getByTestId("chat-row-preview")).toHaveText(
    /^Incoming video call · \d+ s$/,
  );

  // A call nobody answers: the caller reads "Cancelled call", the callee "Missed voice call".
  await alice.calls.start("voice");
  await expect(bob.calls.incoming("Incoming voice call")).toBeVisible();
  await alice.calls.control("Hang up").click();
  await expect(bob.calls.incoming("Incoming voice call")).toHaveCount(0);
  await expect(alice.calls.entryText().last()).toHaveText("Cancelled call");
  await expect(bob.calls.entryText().last()).toHaveText("Missed voice call");
  await expect(bob.calls.entries.last()).toHaveAttribute("data-tone", "missed");
  await fourShots(bob.page, "call-history", saveScreenshot);
  for (const p of [alice, bob]) await p.context.close();
});

test("375 px with touch: a full-screen call, thumb-sized controls, taps toggle them; reconnecting", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(150_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await join(browser, a, b, PHONE, TOUCH);
  const bob = await join(browser, b);

  await alice.calls.headerButton("voice").tap();
  await bob.calls
    .incoming("Incoming voice call")
    .getByRole("button", { name: "Accept", exact: true })
    .click();
  await alice.calls.expectPhase("connected");
  const box = await alice.calls.screen.boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
  for (const name of ["Mute", "Turn camera on", "Devices", "Hang up"]) {
    const control = await alice.calls.control(name).boundingBox();
    expect(control, name).not.toBeNull();
    expect(control!.width, name).toBeGreaterThanOrEqual(44);
    expect(control!.height, name).toBeGreaterThanOrEqual(44);
    expect(control!.x, name).toBeGreaterThanOrEqual(0);
    expect(control!.x + control!.width, name).toBeLessThanOrEqual(PHONE.width);
    expect(control!.y + control!.height, name).toBeLessThanOrEqual(PHONE.height);
  }
  await alice.calls.control("Mute").tap();
  await expect(alice.calls.control("Unmute")).toBeVisible();
  await alice.calls.control("Unmute").tap();
  await expect(alice.calls.control("Mute")).toBeVisible();
  await alice.calls.screen.getByRole("button", { name: "Minimise call" }).tap();
  await expect(alice.calls.minimised).toBeInViewport();
  await expect(alice.app.composer).toBeInViewport();
  await saveScreenshot("call-minimised-mobile-light", alice.page);
  await alice.calls.minimised.getByRole("button", { name: "Return to call" }).tap();
  await alice.calls.expectPhase("connected");

  // Bob's media connection dies without a hangup (his app is not told): Alice's side sees it drop.
  await bob.page.evaluate(() => {
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) pc.close();
  });
  await alice.calls.expectPhase("reconnecting");
  await expect(alice.calls.screen.getByText("Reconnecting…")).toBeVisible();
  await fourShots(alice.page, "call-reconnecting", saveScreenshot);
  await alice.calls.control("Hang up").tap();
  await expect(alice.calls.screen).toHaveCount(0);
  for (const p of [alice, bob]) await p.context.close();
});

test("a group call: the ringing members, the banner and Join, three people on the screen", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(180_000);
  const [a, b, c] = [await seedUser(), await seedUser(), await seedUser()];
  const alice = await join(browser, a);
  await alice.app.createGroup("Standup", [b.username, c.username]);
  const bob = await join(browser, b);
  const carol = await join(browser, c);
  await bob.app.openChat("Standup");
  await carol.app.openChat("Standup");

  await alice.calls.start("video");
  await expect(alice.calls.screen).toHaveAccessibleName("Group call in Standup");
  const bobRinging = bob.calls.incoming("Incoming group video call");
  await expect(bobRinging).toContainText("Standup");
  await bobRinging.getByRole("button", { name: "Accept", exact: true }).click();
  await bob.calls.expectPhase("connected");

  // Carol declines the ringing, then joins from the banner.
  await carol.calls.incoming("Incoming group video call").getByRole("button", { name: "Decline" }).click();
  await expect(carol.calls.banner).toContainText("Call in progress · 2 people");
  await fourShots(carol.page, "call-banner", saveScreenshot);
  await carol.calls.banner.getByRole("button", { name: "Join" }).click();
  await expect(carol.calls.banner).toHaveCount(0);
  for (const p of [alice, bob, carol]) {
    await p.calls.expectPhase("connected");
    await expect(p.calls.screen.getByTestId("remote-video")).toHaveCount(2, { timeout: 20_000 });
  }
  await expect.poll(() => framesDecoded(alice.page), { timeout: 20_000 }).toBeGreaterThan(20);
  await fourShots(alice.page, "call-group", saveScreenshot);

  // Carol leaves: the others keep talking and she sees the banner again.
  await carol.calls.control("Hang up").click();
  await expect(alice.calls.screen.getByTestId("remote-video")).toHaveCount(1);
  await expect(carol.calls.banner).toContainText("Call in progress · 2 people");
  for (const p of [alice, bob]) await p.calls.control("Hang up").click();
  await expect(carol.calls.banner).toHaveCount(0);
  await expect(carol.calls.entries.last()).toBeVisible();
  for (const p of [alice, bob, carol]) await p.context.close();
});

test("Settings → Calls: the 'Always relay calls' switch is kept on this device", async ({
  browser,
  seedUser,
}) => {
  const a = await seedUser();
  const alice = await signInAs(browser, a);
  await alice.page.goto("/settings");
  const relay = alice.page.getByRole("switch", { name: "Always relay calls" });
  await expect(relay).toHaveAttribute("aria-checked", "false");
  await relay.click();
  await expect(relay).toHaveAttribute("aria-checked", "true");
  expect(await alice.page.evaluate(() => localStorage.getItem("stu.calls.relay"))).toBe("1");
  await alice.page.reload();
  await expect(relay).toHaveAttribute("aria-checked", "true");
  await relay.click();
  await expect(relay).toHaveAttribute("aria-checked", "false");
  expect(await alice.page.evaluate(() => localStorage.getItem("stu.calls.relay"))).toBeNull();
  await alice.context.close();
});
