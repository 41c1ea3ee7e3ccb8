import { apiAs } from "./api-client.ts";
import { expect, test } from "./fixtures.ts";
import { PHONE, signInAs, TOUCH } from "./people.ts";
import { longPress } from "./touch.ts";

type Seeded = { id: number };

test("mute, pin, mark unread and archive from the chat list; muted chats stay out of the tab title", async ({
  browser,
  request,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const [a, b, c] = [await seedUser(), await seedUser(), await seedUser()];
  const [alice, bob, carol] = [await apiAs(request, a), await apiAs(request, b), await apiAs(request, c)];
  const withBob = await bob.post<Seeded>("/v1/dialogs", { user_id: alice.id });
  await bob.post(`/v1/chats/${withBob.id}/messages`, { text: "Bob's first" });
  const withCarol = await carol.post<Seeded>("/v1/dialogs", { user_id: alice.id });
  await carol.post(`/v1/chats/${withCarol.id}/messages`, { text: "Carol's first" });

  const me = await signInAs(browser, a);
  const otherDevice = await signInAs(browser, a);
  await expect.poll(() => me.app.chatOrder()).toEqual([c.displayName, b.displayName]);
  await expect(me.page).toHaveTitle("(2) stu");

  // Muted for an hour: the badge turns grey, the title forgets it; my other device hears it.
  await me.app.chatAction(b.displayName, "mute-1h");
  await expect(me.app.chatRow(b.displayName)).toHaveAttribute("data-muted", "true");
  await expect(me.app.chatRow(b.displayName).getByTestId("unread-badge")).toHaveAttribute(
    "data-muted",
    "true",
  );
  await expect(me.page).toHaveTitle("(1) stu");
  await expect(otherDevice.app.chatRow(b.displayName)).toHaveAttribute("data-muted", "true");
  await bob.post(`/v1/chats/${withBob.id}/messages`, { text: "Bob's second" });
  await expect(me.app.chatRow(b.displayName).getByTestId("unread-badge")).toContainText("2");
  await expect(me.page).toHaveTitle("(1) stu");
  const menu = await me.app.openChatMenu(b.displayName);
  await expect(menu.getByTestId("chat-menu-muted")).toContainText("Muted until");
  await saveScreenshot("chat-menu-desktop-light", me.page);
  await menu.getByRole("button", { name: "Cancel" }).click();

  // Pinned to the top through the row's own "more" button, though Carol wrote last.
  await me.app.chatRow(b.displayName).hover();
  await me.page.getByRole("button", { name: `More actions for ${b.displayName}` }).click();
  await me.page.getByRole("dialog", { name: "Chat actions" }).getByTestId("chat-menu-pin").click();
  await expect.poll(() => me.app.chatOrder()).toEqual([b.displayName, c.displayName]);
  await expect(otherDevice.app.chatRow(b.displayName)).toHaveAttribute("data-pinned", "true");
  await carol.post(`/v1/chats/${withCarol.id}/messages`, { text: "Carol's second" });
  await expect(me.app.chatRow(c.displayName).getByTestId("unread-badge")).toContainText("2");
  await expect.poll(() => me.app.chatOrder()).toEqual([b.displayName, c.displayName]);

  // Mark as read, then as unread by hand (a plain dot that counts once), cleared by opening the chat.
  await me.app.chatAction(c.displayName, "unread");
  await expect(me.app.chatRow(c.displayName).getByTestId("unread-badge")).toHaveCount(0);
  await expect(me.page).toHaveTitle("stu");
  await me.app.chatAction(c.displayName, "unread");
  await expect(me.app.chatRow(c.displayName).getByTestId("unread-badge")).toHaveText("marked unread");
  await expect(me.page).toHaveTitle("(1) stu");
  await expect(otherDevice.page).toHaveTitle("(1) stu");
  for (const scheme of ["light", "dark"] as const) {
    await me.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`chat-list-state-desktop-${scheme}`, me.page);
  }
  await me.page.emulateMedia({ colorScheme: "light" });
  await me.app.openChat(c.displayName);
  await expect(me.app.chatRow(c.displayName).getByTestId("unread-badge")).toHaveCount(0);
  await expect(otherDevice.page).toHaveTitle("stu");

  // Archived: out of the list into its folder, and back.
  await me.app.chatAction(c.displayName, "archive");
  await expect(me.app.chatRow(c.displayName)).toHaveCount(0);
  await me.page.getByTestId("open-archive").click();
  await expect(me.page.getByRole("heading", { name: "Archived" })).toBeVisible();
  await expect.poll(() => me.app.chatOrder()).toEqual([c.displayName]);
  await me.app.chatAction(c.displayName, "archive");
  await expect(me.page.getByTestId("chat-list-empty")).toHaveText("No archived chats.");
  await me.page.getByTestId("archive-back").click();
  await expect.poll(() => me.app.chatOrder()).toEqual([b.displayName, c.displayName]);

  // It is the server's state: a reload shows it, and unmuting brings the count back to the title.
  await me.page.reload();
  await expect(me.app.chatRow(b.displayName)).toHaveAttribute("data-pinned", "true");
  await expect(me.app.chatRow(b.displayName)).toHaveAttribute("data-muted", "true");
  await me.app.chatAction(b.displayName, "unmute");
  await expect(me.page).toHaveTitle("(2) stu");
  for (const p of [me, otherDevice]) await p.context.close();
});

test("on a phone a long press on a chat opens its menu; muted always shows the bell", async ({
  browser,
  request,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(90_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const [alice, bob] = [await apiAs(request, a), await apiAs(request, b)];
  const chat = await bob.post<Seeded>("/v1/dialogs", { user_id: alice.id });
  await bob.post(`/v1/chats/${chat.id}/messages`, { text: "On the phone" });

  const me = await signInAs(browser, a, PHONE, TOUCH);
  const menu = me.page.getByRole("dialog", { name: "Chat actions" });
  await longPress(me.page, me.app.chatRow(b.displayName));
  await expect(menu).toBeVisible();
  await menu.getByTestId("chat-menu-mute").tap();
  for (const scheme of ["light", "dark"] as const) {
    await me.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`chat-menu-mobile-${scheme}`, me.page);
  }
  await menu.getByTestId("chat-menu-mute-forever").tap();
  await expect(menu).toBeHidden();
  await expect(me.app.chatRow(b.displayName).getByTestId("chat-row-muted")).toBeVisible();
  // The press opened the menu, not the chat.
  await expect(me.page).toHaveURL(/\/$/);
  await longPress(me.page, me.app.chatRow(b.displayName));
  await expect(menu.getByTestId("chat-menu-muted")).toHaveText("Muted");
  await menu.getByTestId("chat-menu-pin").tap();
  await expect(me.app.chatRow(b.displayName)).toHaveAttribute("data-pinned", "true");
  await saveScreenshot("chat-list-state-mobile-dark", me.page);
  await me.context.close();
});
