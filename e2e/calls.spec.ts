import type { Browser, Page } from "@playwright/test";
import {
  firstConnectedAt,
  localIceUfrags,
  openPcStates,
  openPcStats,
  recordPeerConnections,
} from "./call-probe.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./env.ts";
import { expect, type TestUser, test } from "./fixtures.ts";
import { MessengerPage } from "./pages/messenger-page.ts";
import { SignInPage } from "./pages/sign-in-page.ts";
import { newPersonContext, type Person } from "./people.ts";
import { startTurn } from "./turn.ts";

// Chromium's fake camera and microphone (a test pattern and a beep), with the permission prompt
// answered: only this spec's browser gets them.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
  },
});

/** Signed in, with the page's peer connections recorded from the first script on. */
async function caller(browser: Browser, user: TestUser): Promise<Person> {
  const { context, page } = await newPersonContext(browser, undefined, {
    permissions: ["camera", "microphone"],
  });
  await context.addInitScript(recordPeerConnections);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user.email, user.password);
  const app = new MessengerPage(page);
  await app.expectOnline();
  // The engine logs a signal the server refused or a frame it could not read: none may happen here.
  page.on("console", (message) => {
    if (message.text().startsWith("stu calls:")) engineWarnings.push(`${user.username}: ${message.text()}`);
  });
  return { user, context, page, app };
}

/** Alice and Bob signed in, in a dialog Alice opened with a first message; Bob has it on screen. */
async function dialogPair(browser: Browser, seedUser: () => Promise<TestUser>, greeting: string) {
  const [a, b] = await Promise.all([seedUser(), seedUser()]);
  const alice = await caller(browser, a);
  await alice.app.startDialog(b.username, b.displayName);
  await alice.app.send(greeting);
  const bob = await caller(browser, b);
  await bob.app.openChat(a.displayName);
  return { a, b, alice, bob };
}

/** Alice presses "Voice call" and Bob presses Accept on his incoming-call dialog. */
async function voiceCallAccepted(alice: Person, bob: Person, incoming = "Incoming voice call") {
  await alice.page.getByRole("button", { name: "Voice call" }).click();
  await bob.page
    .getByRole("dialog", { name: incoming })
    .getByRole("button", { name: "Accept", exact: true })
    .click();
}

const engineWarnings: string[] = [];
test.afterEach(() => {
  const seen = engineWarnings.splice(0);
  expect(seen).toEqual([]);
});

/** Every open peer connection of the page is connected, and there are `count` of them. */
async function expectConnected(page: Page, count: number): Promise<void> {
  await expect.poll(() => openPcStates(page), { timeout: 15_000 }).toEqual(Array(count).fill("connected"));
}

/** The value read now minus the one read at the previous poll (cumulative counters per interval). */
function perInterval(read: () => Promise<number>): () => Promise<number> {
  let last: number | null = null;
  return async () => {
    const now = await read();
    const delta = last === null ? Number.NaN : now - last;
    last = now;
    return delta;
  };
}

const sum = (page: Page, key: "framesDecoded" | "audioEnergy") => async () =>
  (await openPcStats(page)).reduce((total, s) => total + s[key], 0);

const callScreen = (page: Page) => page.getByRole("dialog", { name: /^(Call with|Group call in) / });

test("a video call: media both ways, mute is silence on the other side, hang up writes the history", async ({
  browser,
  seedUser,
}) => {
  test.setTimeout(60_000);
  const { a, b, alice, bob } = await dialogPair(browser, seedUser, "Shall we talk?");

  const pressed = Date.now();
  await alice.page.getByRole("button", { name: "Video call" }).click();
  const incoming = bob.page.getByRole("dialog", { name: "Incoming video call" });
  await expect(incoming).toContainText(a.displayName);
  const rang = Date.now();
  await incoming.getByRole("button", { name: "Accept", exact: true }).click();
  const accepted = Date.now();
  await expectConnected(alice.page, 1);
  await expectConnected(bob.page, 1);
  const connected = (await firstConnectedAt(alice.page))!;
  console.log(
    `call set-up: "Video call" pressed → connected in ${connected - pressed} ms ` +
      `(ringing on Bob's screen after ${rang - pressed} ms, Accept clicked at ${accepted - pressed} ms)`,
  );
  await expect(callScreen(alice.page)).toHaveAccessibleName(`Call with ${b.displayName}`);
  await expect(callScreen(alice.page)).toHaveAttribute("data-call-phase", "connected");
  await expect(callScreen(bob.page)).toHaveAttribute("data-call-phase", "connected");

  // Video frames keep being decoded on both sides.
  for (const page of [alice.page, bob.page]) {
    const frames = perInterval(sum(page, "framesDecoded"));
    await expect.poll(frames, { intervals: [1_000], timeout: 10_000 }).toBeGreaterThan(10);
  }

  // Alice's beep reaches Bob; muted, Bob hears silence.
  const energy = perInterval(sum(bob.page, "audioEnergy"));
  await expect.poll(energy, { intervals: [1_000], timeout: 10_000 }).toBeGreaterThan(0);
  await callScreen(alice.page).getByRole("button", { name: "Mute" }).click();
  await expect(callScreen(alice.page).getByRole("button", { name: "Unmute" })).toBeVisible();
  await expect.poll(energy, { intervals: [1_000], timeout: 10_000 }).toBe(0);
  expect((await openPcStats(bob.page))[0]!.audioLevel).toBe(0);

  // Bob's socket drops and comes back: his app restarts ICE on the call, which goes on.
  const [aliceUfrag, bobUfrag] = [await localIceUfrags(alice.page), await localIceUfrags(bob.page)];
  await bob.context.setOffline(true);
  await expect(bob.app.banner).toBeVisible();
  await bob.context.setOffline(false);
  await bob.app.expectOnline();
  await expect.poll(() => localIceUfrags(bob.page)).not.toEqual(bobUfrag);
  await expect.poll(() => localIceUfrags(alice.page)).not.toEqual(aliceUfrag);
  await expectConnected(alice.page, 1);
  await expectConnected(bob.page, 1);
  await expect(callScreen(bob.page)).toHaveAttribute("data-call-phase", "connected");

  await callScreen(alice.page).getByRole("button", { name: "Hang up" }).click();
  await expect(callScreen(alice.page)).toHaveCount(0);
  await expect(callScreen(bob.page)).toHaveCount(0);
  expect(await openPcStates(bob.page)).toEqual([]);
  for (const [person, text] of [
    [alice, /^Outgoing video call · \d+ s$/],
    [bob, /^Incoming video call · \d+ s$/],
  ] as const) {
    await expect(person.page.getByTestId("call-entry-text")).toHaveText(text);
    await person.page.reload();
    await person.app.expectOnline();
    await expect(person.page.getByTestId("call-entry-text")).toHaveText(text);
  }
});

test("always relay: both sides send media through coturn", async ({ browser, seedUser }) => {
  test.setTimeout(60_000);
  const turn = await startTurn();
  try {
    const [a, b] = await Promise.all([seedUser(), seedUser()]);
    const alice = await caller(browser, a);
    await alice.app.startDialog(b.username, b.displayName);
    await alice.app.send("Through the relay");
    // Alice by the stored setting, Bob through Settings → Calls.
    await alice.page.evaluate(() => localStorage.setItem("stu.calls.relay", "1"));
    const bob = await caller(browser, b);
    await bob.page.goto("/settings");
    const relay = bob.page.getByRole("switch", { name: "Always relay calls" });
    await relay.click();
    await expect(relay).toHaveAttribute("aria-checked", "true");
    await bob.page.goto("/");
    await bob.app.openChat(a.displayName);

    await voiceCallAccepted(alice, bob);
    await expectConnected(alice.page, 1);
    await expectConnected(bob.page, 1);
    for (const page of [alice.page, bob.page]) {
      await expect.poll(async () => (await openPcStats(page))[0]?.localCandidateType).toBe("relay");
    }
    expect(turn.allocations()).toBeGreaterThan(0);
    expect(turn.permissions()).toBeGreaterThan(0);
    await callScreen(bob.page).getByRole("button", { name: "Hang up" }).click();
    await expect(callScreen(alice.page)).toHaveCount(0);
  } finally {
    await turn.stop();
  }
});

test("no route between the browsers (relay forced, no TURN server running): the call gives up and says why", async ({
  browser,
  seedUser,
}) => {
  test.setTimeout(90_000);
  const { a, alice, bob } = await dialogPair(browser, seedUser, "Can you hear me?");
  for (const person of [alice, bob])
    await person.page.evaluate(() => localStorage.setItem("stu.calls.relay", "1"));
  await bob.page.reload();
  await bob.app.openChat(a.displayName);

  await voiceCallAccepted(alice, bob);
  const unreachable = /The call could not connect: .*no TURN server/;
  // Whichever side gives up first says why (the other hears the hang-up).
  const told = async () =>
    (await alice.page.getByText(unreachable).count()) + (await bob.page.getByText(unreachable).count());
  await expect.poll(told, { timeout: 60_000, intervals: [500] }).toBeGreaterThan(0);
  await expect(callScreen(alice.page)).toHaveCount(0, { timeout: 10_000 });
  await expect(callScreen(bob.page)).toHaveCount(0, { timeout: 10_000 });
  for (const person of [alice, bob]) {
    await expect(person.page.getByTestId("call-entry").filter({ hasText: "Call failed" })).toBeVisible();
  }
});

test("a group call of three: everyone connects to everyone, one leaves, the others drop them", async ({
  browser,
  seedUser,
}) => {
  test.setTimeout(60_000);
  const [a, b, c] = await Promise.all([seedUser(), seedUser(), seedUser()]);
  const alice = await caller(browser, a);
  await alice.app.createGroup("Call club", [b.username, c.username]);
  await alice.app.send("Call in a minute");
  const [bob, carol] = await Promise.all([caller(browser, b), caller(browser, c)]);
  for (const person of [bob, carol]) await person.app.openChat("Call club");

  // Bob accepts the ringing; Carol declines it, then joins from the banner.
  await voiceCallAccepted(alice, bob, "Incoming group voice call");
  await expectConnected(alice.page, 1);
  await expectConnected(bob.page, 1);
  await carol.page
    .getByRole("dialog", { name: "Incoming group voice call" })
    .getByRole("button", { name: "Decline" })
    .click();
  const banner = carol.page.getByTestId("call-banner");
  await expect(banner).toContainText("Call in progress · 2 people");
  await banner.getByRole("button", { name: "Join" }).click();
  for (const person of [alice, bob, carol]) await expectConnected(person.page, 2);
  await expect(callScreen(carol.page)).toHaveAccessibleName("Group call in Call club");

  await callScreen(carol.page).getByRole("button", { name: "Hang up" }).click();
  await expect(callScreen(carol.page)).toHaveCount(0);
  for (const person of [alice, bob]) await expectConnected(person.page, 1);
  await expect(bob.page.getByTestId("call-banner")).toHaveCount(0);

  await callScreen(alice.page).getByRole("button", { name: "Hang up" }).click();
  await callScreen(bob.page).getByRole("button", { name: "Hang up" }).click();
  await expect(carol.page.getByTestId("call-banner")).toHaveCount(0);
  await expect(carol.page.getByTestId("call-entry-text")).toHaveText(/^Group voice call · \d+ s$/);
});

test("declined, then cancelled: the ringing stops on both sides and both see the entries", async ({
  browser,
  seedUser,
}) => {
  const { alice, bob } = await dialogPair(browser, seedUser, "Ring ring");

  await alice.page.getByRole("button", { name: "Voice call" }).click();
  await expect(callScreen(alice.page)).toHaveAttribute("data-call-phase", "outgoing");
  await bob.page
    .getByRole("dialog", { name: "Incoming voice call" })
    .getByRole("button", { name: "Decline" })
    .click();
  await expect(callScreen(alice.page)).toHaveCount(0);
  await expect(alice.page.getByTestId("call-entry-text")).toHaveText("Call declined");
  await expect(bob.page.getByTestId("call-entry-text")).toHaveText("Declined voice call");
  expect(await openPcStates(alice.page)).toEqual([]);

  // Alice calls again and gives up while it rings: Bob's incoming call goes away, he missed it.
  await alice.page.getByRole("button", { name: "Video call" }).click();
  await expect(callScreen(alice.page)).toContainText("Ringing…");
  const incoming = bob.page.getByRole("dialog", { name: "Incoming video call" });
  await expect(incoming).toBeVisible();
  await callScreen(alice.page).getByRole("button", { name: "Hang up" }).click();
  await expect(incoming).toHaveCount(0);
  await expect(alice.page.getByTestId("call-entry-text").last()).toHaveText("Cancelled call");
  await expect(bob.page.getByTestId("call-entry-text").last()).toHaveText("Missed video call");
  expect(await openPcStates(alice.page)).toEqual([]);
  expect(await openPcStates(bob.page)).toEqual([]);
});
