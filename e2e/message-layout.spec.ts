import type { Locator, Page } from "@playwright/test";
import { BASE_URL } from "./env.ts";
import { expect, test } from "./fixtures.ts";
import { PHONE, signInAs, signInToDialog, TOUCH } from "./people.ts";
import { longPress } from "./touch.ts";

/**
 * What sticks out: a bubble wider than its row (a word that did not wrap; for one's own right-aligned
 * messages it sticks out to the left, where nothing can scroll to it), or content wider than the
 * message list or the page (the list scrolls sideways).
 */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const row of document.querySelectorAll<HTMLElement>('[data-testid="message"]')) {
      const bubble = row.querySelector('[data-testid="message-text"]')?.parentElement;
      if (!bubble) continue;
      const [r, b] = [row.getBoundingClientRect(), bubble.getBoundingClientRect()];
      if (b.left < r.left - 0.5 || b.right > r.right + 0.5) {
        found.push(`bubble ${Math.round(b.left)}..${Math.round(b.right)} outside row ${r.left}..${r.right}`);
      }
    }
    for (const el of [
      document.querySelector<HTMLElement>('[data-testid="message-list"]'),
      document.documentElement,
    ]) {
      if (el && el.scrollWidth > el.clientWidth)
        found.push(`${el.dataset.testid ?? "page"}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return found;
  });
}

const bubbleOf = (message: Locator) => message.getByTestId("message-bubble");

test("a 4,096-letter word and a long URL wrap inside their bubbles at 1440 and 375 px", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(90_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  const word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(100).slice(0, 4096);
  const url = `https://example.test/download?token=${"a1B2c3D4e5".repeat(40)}`;
  await alice.app.send(word);
  await alice.app.send(url);
  const bob = await signInAs(browser, b);
  await bob.app.openChat(a.displayName);
  // Opened right after signing in: the chat list refetched on the socket's hello must not bring the
  // unread badge back after the chat was read.
  await expect(alice.app.statusOf(url)).toHaveAttribute("data-status", "read");
  await expect(bob.app.chatRow(a.displayName).getByTestId("unread-badge")).toHaveCount(0);

  // Alice sees them as her own (right-aligned), Bob as received (left-aligned).
  for (const person of [alice, bob]) {
    for (const scheme of ["light", "dark"] as const) {
      await person.page.emulateMedia({ colorScheme: scheme });
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 375, height: 812 },
      ]) {
        await person.page.setViewportSize(viewport);
        await expect(person.app.message(url)).toBeVisible();
        await expect(person.app.message(word)).toHaveCount(1);
        expect(await overflowing(person.page), `${person.user.username} at ${viewport.width} px`).toEqual([]);
        if (person === bob) {
          await saveScreenshot(
            `long-word-${viewport.width === 375 ? "mobile" : "desktop"}-${scheme}`,
            bob.page,
          );
        }
      }
    }
  }
  // With a mouse, the actions float over the bubble's top edge on hover instead of standing beside it.
  await alice.page.setViewportSize({ width: 1440, height: 900 });
  await alice.page.emulateMedia({ colorScheme: "light" });
  await alice.app.send("Short one");
  await alice.app.message("Short one").hover();
  const toolbar = alice.app.message("Short one").getByRole("toolbar", { name: "Message actions" });
  await expect(toolbar).toBeVisible();
  await expect(alice.app.message("Short one").getByRole("button", { name: "More actions" })).toBeHidden();
  await alice.page.screenshot({
    path: "e2e/screenshots/message-actions-desktop-light.png",
    caret: "hide",
    animations: "disabled",
  });
  for (const p of [alice, bob]) await p.context.close();
});

test.describe("on a touch screen", () => {
  test("long press or the more button opens Reply / Copy / Edit / Delete; bubbles use the full width", async ({
    browser,
    seedUser,
    saveScreenshot,
  }) => {
    test.setTimeout(120_000);
    const [a, b] = [await seedUser(), await seedUser()];
    const alice = await signInToDialog(browser, a, b);
    const long =
      "This is a long message that should fill the bubble all the way across a phone screen, " +
      "without any room kept aside for buttons that nobody can see on a touch screen anyway.";
    await alice.app.send(long);

    const bob = await signInAs(browser, b, PHONE, TOUCH);
    await bob.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
    await bob.app.openChat(a.displayName);
    await bob.app.send("Thnaks, sounds good to me, I will be there at noon with the whole team of five");
    const mine = bob.app.message(
      "Thnaks, sounds good to me, I will be there at noon with the whole team of five",
    );
    await expect(mine).toBeVisible();
    await expect(mine.getByTestId("message-status")).toHaveAttribute("data-status", /sent|delivered|read/);

    // No hover toolbar on a touch screen, and nothing beside a bubble narrows it: a long bubble
    // takes its full share (85%) of the row.
    for (const message of [bob.app.message(long), mine]) {
      const bubble = await message.getByTestId("message-text").locator("..").boundingBox();
      const row = await message.boundingBox();
      expect(bubble!.width / row!.width).toBeGreaterThan(0.8);
      await expect(message.getByRole("toolbar", { name: "Message actions" })).toBeHidden();
    }

    // Someone else's message: Reply and Copy, no Edit; Delete only for me.
    const menu = bob.page.getByRole("dialog", { name: "Message actions" });
    await longPress(bob.page, bubbleOf(bob.app.message(long)));
    await expect(menu).toBeVisible();
    await expect(menu.getByRole("button", { name: "Reply" })).toBeVisible();
    await expect(menu.getByRole("button", { name: "Copy" })).toBeVisible();
    await expect(menu.getByRole("button", { name: "Edit" })).toHaveCount(0);
    await expect(menu.getByRole("button", { name: "Delete" })).toBeVisible();
    await bob.page.emulateMedia({ colorScheme: "light" });
    await saveScreenshot("message-menu-mobile-light", bob.page);
    await menu.getByRole("button", { name: "Reply" }).tap();
    await expect(menu).toBeHidden();
    await expect(bob.page.getByTestId("composer-context")).toContainText("This is a long message");
    await bob.page.getByTestId("composer-context").getByRole("button", { name: "Cancel" }).tap();

    // My own message: all four. Copy puts the text on the clipboard.
    await longPress(bob.page, bubbleOf(mine));
    await expect(menu).toBeVisible();
    for (const name of ["Reply", "Copy", "Edit", "Delete"]) {
      await expect(menu.getByRole("button", { name })).toBeVisible();
    }
    await bob.page.emulateMedia({ colorScheme: "dark" });
    await saveScreenshot("message-menu-mobile-dark", bob.page);
    await menu.getByRole("button", { name: "Copy" }).tap();
    await expect(bob.page.getByTestId("copy-status")).toHaveText("Message copied");
    expect(await bob.page.evaluate(() => navigator.clipboard.readText())).toBe(
      "Thnaks, sounds good to me, I will be there at noon with the whole team of five",
    );

    // The "more" button opens the same menu with a tap: edit, then delete, reach Alice.
    await mine.getByRole("button", { name: "More actions" }).tap();
    await menu.getByRole("button", { name: "Edit" }).tap();
    await expect(bob.app.composer).toHaveValue(
      "Thnaks, sounds good to me, I will be there at noon with the whole team of five",
    );
    await bob.app.composer.fill("Thanks, see you at noon");
    await bob.app.composer.press("Enter");
    await expect(alice.app.message("Thanks, see you at noon").getByTestId("message-edited")).toBeVisible();

    await bob.app.message("Thanks, see you at noon").getByRole("button", { name: "More actions" }).tap();
    await menu.getByRole("button", { name: "Delete" }).tap();
    await bob.page.getByTestId("delete-for-everyone").tap();
    await expect(alice.app.message("Thanks, see you at noon")).toHaveCount(0);
    await expect(alice.page.locator('[data-testid="message"][data-deleted="true"]')).toHaveCount(1);

    for (const p of [alice, bob]) await p.context.close();
  });
});
