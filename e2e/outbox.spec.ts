import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { HomePage } from "./pages/home-page.ts";
import { MessengerPage } from "./pages/messenger-page.ts";
import { SignInPage } from "./pages/sign-in-page.ts";
import { signInAs, signInToDialog } from "./people.ts";

/** The temp_ids kept in this browser's IndexedDB outbox, with the account each belongs to. */
function kept(page: Page): Promise<Array<{ user_id: number; text: string }>> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("stu-outbox");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("messages")) return resolve([]);
          const all = db.transaction("messages").objectStore("messages").getAll();
          all.onsuccess = () => resolve(all.result.map((m) => ({ user_id: m.user_id, text: m.text })));
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** How many stored messages of the chat have this text (the server's history, not the screen). */
async function storedCount(page: Page, chatId: string, text: string): Promise<number> {
  const messages: Array<{ text: string }> = await page.evaluate(
    (id) => fetch(`/v1/chats/${id}/messages?limit=100`).then((r) => r.json()),
    chatId,
  );
  return messages.filter((m) => m.text === text).length;
}

test("a message typed offline survives a reload and is sent exactly once, by its own account only", async ({
  browser,
  seedUser,
}) => {
  test.setTimeout(150_000);
  const [a, b, c] = [await seedUser(), await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  await alice.app.send("Are you on the train?");
  const chatId = (await alice.page.getByTestId("conversation").getAttribute("data-chat-id"))!;
  const bob = await signInAs(browser, b);
  await bob.app.openChat(a.displayName);
  const chatUrl = bob.page.url();

  // 1. Offline, typed, reloaded while still offline (the page cannot even load), then back online.
  await bob.context.setOffline(true);
  await expect(bob.app.banner).toHaveText("Waiting for network…");
  const first = "Yes, written in a tunnel";
  await bob.app.send(first);
  await expect(bob.app.statusOf(first)).toHaveAttribute("data-status", "sending");
  await expect.poll(async () => (await kept(bob.page)).map((m) => m.text)).toEqual([first]);
  await bob.page.reload().catch(() => {}); // offline: the browser's error page
  await bob.context.setOffline(false);
  await bob.page.goto(chatUrl);
  await bob.app.expectOnline();
  await expect(alice.app.message(first)).toHaveCount(1);
  await expect(bob.app.message(first)).toHaveCount(1);
  await expect(bob.app.statusOf(first)).toHaveAttribute("data-status", "read");
  await expect.poll(() => kept(bob.page)).toEqual([]);
  expect(await storedCount(alice.page, chatId, first)).toBe(1);

  // 2. Back online while the page reloads: whether the old page still sent it or the new one does,
  // the server keeps one copy (same temp_id) and the screens show one.
  await bob.context.setOffline(true);
  await expect(bob.app.banner).toHaveText("Waiting for network…");
  const second = "And this one while reloading";
  await bob.app.send(second);
  await expect.poll(async () => (await kept(bob.page)).map((m) => m.text)).toEqual([second]);
  await bob.context.setOffline(false);
  await bob.page.reload();
  await bob.app.expectOnline();
  await expect(bob.app.statusOf(second)).toHaveAttribute("data-status", "read");
  await expect.poll(() => kept(bob.page)).toEqual([]);
  await expect(alice.app.message(second)).toHaveCount(1);
  await expect(bob.app.message(second)).toHaveCount(1);
  expect(await storedCount(alice.page, chatId, second)).toBe(1);

  // 3. Another account on the same browser never sends it: Bob's kept message waits for Bob.
  let socketsAllowed = true;
  await bob.page.routeWebSocket(/\/ws\?/, (ws) => {
    if (socketsAllowed) ws.connectToServer();
    else ws.close();
  });
  await bob.context.setOffline(true);
  const third = "Only Bob may send this";
  await bob.app.send(third);
  await expect.poll(async () => (await kept(bob.page)).map((m) => m.text)).toEqual([third]);
  socketsAllowed = false; // Bob's tab must not reconnect and send it while he signs out
  await bob.context.setOffline(false);
  await new HomePage(bob.page).signOut();
  const signIn = new SignInPage(bob.page);
  await signIn.expectLoaded();
  socketsAllowed = true;
  await signIn.signIn(c.email, c.password);
  const carol = new MessengerPage(bob.page);
  await carol.expectOnline();
  await bob.page.reload(); // a second start as Carol, to be sure her outbox was loaded and flushed
  await carol.expectOnline();
  await expect.poll(async () => (await kept(bob.page)).map((m) => m.text)).toEqual([third]);
  expect(await storedCount(alice.page, chatId, third)).toBe(0);

  await new HomePage(bob.page).signOut();
  await signIn.expectLoaded();
  await signIn.signIn(b.email, b.password);
  await bob.app.expectOnline();
  await expect(alice.app.message(third)).toHaveCount(1);
  await expect.poll(() => kept(bob.page)).toEqual([]);
  expect(await storedCount(alice.page, chatId, third)).toBe(1);

  for (const p of [alice, bob]) await p.context.close();
});
