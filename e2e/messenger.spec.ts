import { expect, test } from "./fixtures.ts";
import { registerThroughUi, signInAs, signInToDialog } from "./people.ts";

test("two people chat live: dialog, ticks, typing, edit, delete, reload, offline queue, presence", async ({
  browser,
  mailCode,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const alice = await registerThroughUi(browser, mailCode);
  const bob = await registerThroughUi(browser, mailCode);

  // Alice finds Bob and writes; Bob's list gets the chat live, with an unread badge.
  await alice.app.startDialog(bob.user.username, bob.user.displayName);
  await alice.app.send("Hi Bob! Lunch today?");
  await expect(alice.app.statusOf("Hi Bob! Lunch today?")).toHaveAttribute("data-status", /sent|delivered/);
  const bobRow = bob.app.chatRow(alice.user.displayName);
  await expect(bobRow.getByTestId("chat-row-preview")).toHaveText("Hi Bob! Lunch today?");
  await expect(bobRow.getByTestId("unread-badge")).toContainText("1");
  await expect(alice.app.statusOf("Hi Bob! Lunch today?")).toHaveAttribute("data-status", "delivered");
  await expect(alice.app.conversationStatus).toHaveText("online");

  // Bob opens the chat: Alice's ticks turn to read, the badge goes.
  await bob.app.openChat(alice.user.displayName);
  await expect(alice.app.statusOf("Hi Bob! Lunch today?")).toHaveAttribute("data-status", "read");
  await expect(bobRow.getByTestId("unread-badge")).toHaveCount(0);

  // Typing shows on the other side, in the header and in the chat list row.
  await bob.app.composer.pressSequentially("Sure, at", { delay: 30 });
  await expect(alice.page.getByTestId("typing-indicator")).toHaveText("typing…");
  await expect(alice.app.chatRow(bob.user.displayName).getByTestId("chat-row-typing")).toBeVisible();
  await bob.app.composer.fill("Sure, at noon.");
  await bob.app.composer.press("Enter");
  await expect(alice.app.message("Sure, at noon.")).toBeVisible();
  await expect(alice.page.getByTestId("typing-indicator")).toHaveCount(0);

  // Reply with a quote.
  await alice.app.messageAction("Sure, at noon.", "reply");
  await alice.app.send("Great, see you");
  await expect(bob.app.message("Great, see you").getByTestId("message-quote")).toContainText(
    "Sure, at noon.",
  );

  // Edit and delete reach the other side.
  await alice.app.messageAction("Hi Bob! Lunch today?", "edit");
  await alice.app.composer.fill("Hi Bob! Lunch today at 12?");
  await alice.app.composer.press("Enter");
  await expect(bob.app.message("Hi Bob! Lunch today at 12?").getByTestId("message-edited")).toBeVisible();
  await alice.app.send("oops, wrong chat");
  await expect(bob.app.message("oops, wrong chat")).toBeVisible();
  await alice.app.messageAction("oops, wrong chat", "delete");
  await alice.page.getByTestId("delete-for-everyone").click();
  await expect(bob.app.message("oops, wrong chat")).toHaveCount(0);
  await expect(bob.page.locator('[data-testid="message"][data-deleted="true"]')).toHaveCount(1);
  await saveScreenshot("conversation", alice.page);

  // Reload keeps the history (and the conversation stays open).
  await bob.page.reload();
  await bob.app.expectOnline();
  await expect(bob.app.message("Hi Bob! Lunch today at 12?")).toBeVisible();
  await expect(bob.app.message("Great, see you")).toBeVisible();

  // Offline: the message waits with a clock, and goes out by itself when the network is back.
  await bob.context.setOffline(true);
  await expect(bob.app.banner).toHaveText("Waiting for network…");
  await expect(alice.app.conversationStatus).toContainText("last seen");
  await bob.app.send("Written on the train");
  await expect(bob.app.statusOf("Written on the train")).toHaveAttribute("data-status", "sending");
  await saveScreenshot("conversation-offline", bob.page);
  await expect(alice.app.message("Written on the train")).toHaveCount(0);
  await bob.context.setOffline(false);
  await expect(alice.app.message("Written on the train")).toHaveCount(1);
  await expect(bob.app.banner).toHaveCount(0);
  await expect(bob.app.statusOf("Written on the train")).toHaveAttribute("data-status", "read");
  await expect(bob.app.message("Written on the train")).toHaveCount(1);

  // Presence: Bob closes his browser, Alice sees him go.
  await expect(alice.app.conversationStatus).toHaveText("online");
  await bob.context.close();
  await expect(alice.app.conversationStatus).toHaveText(/last seen/);
  await alice.context.close();
});

test("a group of three: create, talk, members and roles, leave", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(90_000);
  const [a, b, c] = [await seedUser(), await seedUser(), await seedUser()];
  const alice = await signInAs(browser, a);
  const bob = await signInAs(browser, b);
  const carol = await signInAs(browser, c);

  await alice.app.createGroup("Weekend trip", [b.username, c.username]);
  await alice.app.send("Where shall we go?");
  for (const person of [bob, carol]) {
    await expect(person.app.chatRow("Weekend trip").getByTestId("chat-row-preview")).toContainText(
      "Where shall we go?",
    );
    await person.app.openChat("Weekend trip");
  }
  await carol.app.send("The lake!");
  await bob.app.send("Mountains");
  await expect(alice.app.message("The lake!")).toBeVisible();
  await expect(alice.app.message("Mountains")).toBeVisible();
  await expect(carol.app.message("Mountains")).toBeVisible();
  await expect(alice.app.statusOf("Where shall we go?")).toHaveAttribute("data-status", "read");

  await alice.page.getByTestId("open-chat-info").click();
  const members = alice.page.getByTestId("member-row");
  await expect(members).toHaveCount(3);
  await expect(alice.page.locator(`[data-testid="member-row"][data-username="${a.username}"]`)).toContainText(
    "owner",
  );
  await saveScreenshot("group", alice.page);

  // Carol leaves; everyone sees two members, and the group is gone from her list.
  await carol.page.getByTestId("open-chat-info").click();
  await carol.page.getByTestId("leave-group").click();
  await carol.page.getByTestId("confirm-ok").click();
  await expect(carol.app.chatRow("Weekend trip")).toHaveCount(0);
  await expect(members).toHaveCount(2);
  await bob.app.send("Lake it is, then?");
  await expect(alice.app.message("Lake it is, then?")).toBeVisible();
  for (const p of [alice, bob, carol]) await p.context.close();
});

test("main screens at 1440 and 375 px, light and dark", async ({ browser, seedUser, saveScreenshot }) => {
  test.setTimeout(90_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  const lines = [
    "Morning! Did you see the release notes?",
    "The new search is much faster",
    "Let's ship it on Friday",
  ];
  for (const line of lines) await alice.app.send(line);
  const bob = await signInAs(browser, b);
  await bob.app.openChat(a.displayName);
  await bob.app.send("Yes — nice work!\nFriday works for me.");
  await expect(alice.app.statusOf(lines[2]!)).toHaveAttribute("data-status", "read");
  await expect(alice.app.message("Yes — nice work!\nFriday works for me.")).toBeVisible();
  await saveScreenshot("chat-desktop-light", alice.page);

  await alice.page.emulateMedia({ colorScheme: "dark" });
  await expect(alice.page.locator("html")).toHaveClass(/dark/);
  await saveScreenshot("chat-desktop-dark", alice.page);
  await alice.context.close();

  for (const scheme of ["light", "dark"] as const) {
    const phone = await signInAs(browser, b, { width: 375, height: 812 });
    await phone.page.emulateMedia({ colorScheme: scheme });
    await expect(phone.page.getByTestId("conversation")).toHaveCount(0);
    await saveScreenshot(`chat-list-mobile-${scheme}`, phone.page);
    await phone.app.openChat(a.displayName);
    await expect(phone.page.getByTestId("chat-list")).toBeHidden();
    await expect(phone.app.message(lines[0]!)).toBeVisible();
    await saveScreenshot(`chat-mobile-${scheme}`, phone.page);
    await phone.page.getByTestId("back-to-chats").click();
    await expect(phone.page.getByTestId("chat-list")).toBeVisible();
    await phone.context.close();
  }
  await bob.context.close();
});
