import { apiAs } from "./api-client.ts";
import { expect, test } from "./fixtures.ts";
import { PHONE, signInAs, TOUCH } from "./people.ts";

type Seeded = { id: number };

/**
 * Headless Chromium shows no system notifications, so a stand-in records what the app would show,
 * and the tab reads as hidden on demand (the app notifies only for a tab in the background).
 */
const RECORD_NOTIFICATIONS = () => {
  const w = window as unknown as { __notes: { title: string; body?: string }[]; __hidden: boolean };
  w.__notes = [];
  w.__hidden = false;
  class RecordedNotification {
    static permission = "granted";
    onclick: (() => void) | null = null;
    constructor(title: string, options?: { body?: string }) {
      w.__notes.push({ title, body: options?.body });
    }
    close() {}
  }
  Object.defineProperty(window, "Notification", { value: RecordedNotification });
  Object.defineProperty(document, "visibilityState", { get: () => (w.__hidden ? "hidden" : "visible") });
};

test("@ autocomplete in a group, the mention marked in the bubble and the chat list, and a muted chat still notifies for it (notifications recorded by a stand-in)", async ({
  browser,
  request,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const [a, b, c] = [await seedUser(), await seedUser(), await seedUser()];
  const [alice, , carol] = [await apiAs(request, a), await apiAs(request, b), await apiAs(request, c)];
  const bobId = (await apiAs(request, b)).id;
  const group = await alice.post<Seeded>("/v1/chats", {
    type: "group",
    title: "Weekend plans",
    members: [bobId, carol.id],
  });
  await alice.post(`/v1/chats/${group.id}/messages`, { text: "Who is in?" });

  // Alice muted the group, and her tab is in the background.
  const me = await signInAs(browser, a);
  await me.context.addInitScript(RECORD_NOTIFICATIONS);
  await me.page.reload();
  await me.app.expectOnline();
  await me.app.chatAction("Weekend plans", "mute-forever");
  await expect(me.app.chatRow("Weekend plans")).toHaveAttribute("data-muted", "true");
  await me.page.evaluate(() => {
    (window as unknown as { __hidden: boolean }).__hidden = true;
  });
  await carol.post(`/v1/chats/${group.id}/messages`, { text: "I am, no need to ping anyone" });
  await expect(me.app.chatRow("Weekend plans").getByTestId("unread-badge")).toContainText("1");

  const bob = await signInAs(browser, b);
  await bob.app.openChat("Weekend plans");
  await bob.app.composer.fill("Count me in @");
  const suggestions = bob.page.getByRole("listbox", { name: "Mention someone" });
  await expect(suggestions.getByTestId("mention-option")).toHaveCount(2);
  await bob.app.composer.pressSequentially(a.username); // test usernames share a prefix
  await expect(suggestions.getByTestId("mention-option")).toHaveCount(1);
  for (const scheme of ["light", "dark"] as const) {
    await bob.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`mention-suggestions-desktop-${scheme}`, bob.page);
  }
  await bob.page.emulateMedia({ colorScheme: "light" });
  await bob.app.composer.press("Enter");
  await expect(suggestions).toBeHidden();
  await expect(bob.app.composer).toHaveValue(`Count me in @${a.username} `);
  await bob.app.composer.pressSequentially("bring snacks?");
  await bob.app.composer.press("Enter");
  const text = `Count me in @${a.username} bring snacks?`;
  await expect(bob.app.message(text).getByTestId("message-mention")).toHaveText(`@${a.username}`);

  // Escape dismisses the list; the text stays as typed.
  await bob.app.composer.fill("@");
  await expect(suggestions).toBeVisible();
  await bob.app.composer.press("Escape");
  await expect(suggestions).toBeHidden();
  await expect(bob.app.composer).toHaveValue("@");
  await bob.app.composer.fill("");

  // For Alice: the @ marker, the muted chat's mention in the title, and one notification — Bob's.
  await expect(me.app.chatRow("Weekend plans").getByTestId("mention-badge")).toBeVisible();
  await expect(me.page).toHaveTitle("(1) stu");
  await expect
    .poll(() => me.page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes))
    .toEqual([{ title: `${b.displayName} in Weekend plans`, body: text }]);
  await me.page.evaluate(() => {
    (window as unknown as { __hidden: boolean }).__hidden = false;
  });
  await saveScreenshot("mention-chat-list-desktop-light", me.page);
  await me.app.openChat("Weekend plans");
  await expect(me.app.chatRow("Weekend plans").getByTestId("mention-badge")).toHaveCount(0);
  for (const p of [me, bob]) await p.context.close();
});

test("on a phone a tap picks the person to mention", async ({
  browser,
  request,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(90_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await apiAs(request, a);
  const bobId = (await apiAs(request, b)).id;
  await alice.post("/v1/chats", { type: "group", title: "Phone group", members: [bobId] });
  const bob = await signInAs(browser, b, PHONE, TOUCH);
  await bob.app.openChat("Phone group");
  await bob.app.composer.fill("ok @");
  const option = bob.page.locator(`[data-testid="mention-option"][data-username="${a.username}"]`);
  await expect(option).toBeVisible();
  for (const scheme of ["light", "dark"] as const) {
    await bob.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`mention-suggestions-mobile-${scheme}`, bob.page);
  }
  await option.tap();
  await expect(bob.app.composer).toHaveValue(`ok @${a.username} `);
  await expect(bob.app.composer).toBeFocused();
  await bob.context.close();
});
