import { apiAs } from "./api-client.ts";
import { expect, test } from "./fixtures.ts";
import { MessageActions } from "./pages/message-actions.ts";
import { PHONE, signInAs, TOUCH } from "./people.ts";

/** Whether the element's centre is inside the message list's visible area. */
const inView = (list: import("@playwright/test").Locator, id: number) =>
  list.evaluate((el, messageId) => {
    const row = el.querySelector(`[data-message-id="${messageId}"]`);
    if (!row) return false;
    const [a, b] = [el.getBoundingClientRect(), row.getBoundingClientRect()];
    const y = (b.top + b.bottom) / 2;
    return y > a.top && y < a.bottom;
  }, id);

test("pin a message: the other person's bar appears live, N of M, a click jumps far back; unpin on a phone", async ({
  browser,
  request,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(150_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const [alice, bob] = [await apiAs(request, a), await apiAs(request, b)];
  const dialog = await alice.post<{ id: number }>("/v1/dialogs", { user_id: bob.id });
  const old = await alice.post<{ id: number }>(`/v1/chats/${dialog.id}/messages`, {
    text: "Meet at the lake at noon",
  });
  // Three pages of history after it: the first page the app loads does not reach it.
  for (let i = 1; i <= 130; i++)
    await (i % 2 ? bob : alice).post(`/v1/chats/${dialog.id}/messages`, { text: `chatter ${i}` });
  const latest = await alice.post<{ id: number }>(`/v1/chats/${dialog.id}/messages`, {
    text: "Bring sandwiches",
  });

  const [alicePage, bobPage] = [await signInAs(browser, a), await signInAs(browser, b)];
  await alicePage.app.openChat(b.displayName);
  await bobPage.app.openChat(a.displayName);
  const [aliceActions, bobActions] = [
    new MessageActions(alicePage.page, alicePage.app),
    new MessageActions(bobPage.page, bobPage.app),
  ];
  await expect(bobActions.pinnedBar).toHaveCount(0);

  // Alice pins the latest message from its menu; Bob's bar appears without a reload.
  await aliceActions.menuAction("Bring sandwiches", "pin");
  await expect(bobActions.pinnedBar.getByTestId("pinned-bar-text")).toHaveText("Bring sandwiches");
  await expect(bobPage.app.message("Bring sandwiches").getByTestId("message-pinned")).toBeVisible();

  // The old message, pinned by Alice's app over the API (it is not loaded): the bar's first of two.
  await alicePage.page.evaluate(
    async ([chat, mid]) => {
      const res = await fetch(`/v1/chats/${chat}/messages/${mid}/pin`, { method: "PUT" });
      if (!res.ok) throw new Error(`pin failed: ${res.status}`);
    },
    [dialog.id, old.id],
  );
  await expect(bobActions.pinnedBar.getByTestId("pinned-bar-text")).toHaveText("Meet at the lake at noon");
  await expect(bobActions.pinnedBar.getByTestId("pinned-bar-count")).toHaveText("1 of 2");
  await expect(bobPage.app.message("Meet at the lake at noon")).toHaveCount(0); // not loaded yet
  await bobPage.page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot("pinned-bar-desktop-light", bobPage.page);
  await bobPage.page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot("pinned-bar-desktop-dark", bobPage.page);

  // A click pages back to the message, brings it into view and highlights it; the bar moves on.
  const list = bobPage.page.getByTestId("message-list");
  await bobActions.pinnedBar.getByTestId("pinned-bar-open").click();
  const target = bobPage.app.message("Meet at the lake at noon");
  await expect(target).toHaveAttribute("data-highlighted", "true");
  await expect.poll(() => inView(list, old.id)).toBe(true);
  await expect(bobActions.pinnedBar.getByTestId("pinned-bar-count")).toHaveText("2 of 2");
  await bobActions.pinnedBar.getByTestId("pinned-bar-open").click();
  await expect.poll(() => inView(list, latest.id)).toBe(true);

  // On a phone, Bob unpins the old one from the bar with a tap; Alice's bar follows.
  const phone = await signInAs(browser, b, PHONE, TOUCH);
  await phone.app.openChat(a.displayName);
  const phoneActions = new MessageActions(phone.page, phone.app);
  await expect(phoneActions.pinnedBar.getByTestId("pinned-bar-count")).toHaveText("1 of 2");
  await phone.page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot("pinned-bar-mobile-light", phone.page);
  await phone.page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot("pinned-bar-mobile-dark", phone.page);
  await phoneActions.pinnedBar.getByTestId("pinned-bar-unpin").tap();
  await expect(aliceActions.pinnedBar.getByTestId("pinned-bar-text")).toHaveText("Bring sandwiches");
  await expect(aliceActions.pinnedBar.getByTestId("pinned-bar-count")).toHaveCount(0);

  // And the last one from the message menu (long press): the bar is gone for both.
  await phoneActions.menuAction("Bring sandwiches", "pin", true);
  await expect(aliceActions.pinnedBar).toHaveCount(0);
  await expect(bobActions.pinnedBar).toHaveCount(0);
  for (const p of [alicePage, bobPage, phone]) await p.context.close();
});
