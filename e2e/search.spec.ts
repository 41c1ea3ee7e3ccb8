import type { APIRequestContext } from "@playwright/test";
import { type ApiUser, apiAs } from "./api-client.ts";
import { expect, type TestUser, test } from "./fixtures.ts";
import { SearchUi } from "./pages/search-ui.ts";
import { PHONE, signInAs, TOUCH } from "./people.ts";

const SCHEMES = ["light", "dark"] as const;

/**
 * A group of Alice and Bob with 160 messages, three of them about a heron: the newest, one on the
 * second page of history and one far back (not within the first 150), and a second group with one.
 */
async function seed(request: APIRequestContext, a: TestUser, b: TestUser) {
  const [alice, bob] = [await apiAs(request, a), await apiAs(request, b)];
  const group = (title: string) =>
    alice.post<{ id: number }>("/v1/chats", { type: "group", title, members: [bob.id] });
  const river = await group("River walks");
  const garden = await group("Garden club");
  const say = (who: ApiUser, chatId: number, text: string) =>
    who.post<{ id: number }>(`/v1/chats/${chatId}/messages`, { text });
  const herons: number[] = [];
  for (let i = 1; i <= 160; i++) {
    const who = i % 2 ? alice : bob;
    if (i === 5 || i === 90 || i === 158)
      herons.push((await say(who, river.id, `Saw a grey heron by the weir, walk ${i}`)).id);
    else await say(who, river.id, `Walk number ${i}: nothing special today`);
  }
  const gardenHeron = await say(bob, garden.id, "A heron ate the fish in the pond again");
  await say(alice, garden.id, "Time for a net over the pond");
  // Newest first, as the search answers.
  return { river, garden, herons: herons.reverse(), gardenHeron };
}

test("searching a conversation steps through hits, far back in history too", async ({
  browser,
  request,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(240_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const { herons } = await seed(request, a, b);
  const alice = await signInAs(browser, a, { width: 1440, height: 900 });
  const search = new SearchUi(alice.page);
  await alice.app.openChat("River walks");
  await expect(alice.app.message("Walk number 160: nothing special today")).toBeVisible();

  await search.openInChat("heron");
  await expect(search.counter).toHaveText("1 of 3");
  await search.expectShown(herons[0]!);
  await search.field.press("Enter");
  await expect(search.counter).toHaveText("2 of 3");
  await search.expectShown(herons[1]!);
  // Message 5 is not in the first pages of history: the list loads the page around it.
  await search.older.click();
  await expect(search.counter).toHaveText("3 of 3");
  await search.expectShown(herons[2]!);
  await expect(search.older).toBeDisabled();
  // From the window around it, the list pages on both ways.
  await expect(alice.app.message("Walk number 1: nothing special today")).toBeAttached();
  await expect(alice.app.message("Walk number 20: nothing special today")).toBeAttached();
  for (const scheme of SCHEMES) {
    await alice.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`search-chat-1440-${scheme}`, alice.page);
  }
  await alice.page.emulateMedia({ colorScheme: "light" });
  // Scrolled down to the end of the window: the newer messages load below it.
  await alice.page.getByTestId("message-list").evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(alice.app.message("Walk number 40: nothing special today")).toBeAttached();
  await search.field.press("Shift+Enter");
  await expect(search.counter).toHaveText("2 of 3");
  await search.expectShown(herons[1]!);
  await search.newer.click();
  await expect(search.counter).toHaveText("1 of 3");
  await expect(search.newer).toBeDisabled();

  // Escape closes the search, from a button as from the field; back far in history again, then
  // down to the newest messages.
  await search.older.click();
  await expect(search.counter).toHaveText("2 of 3");
  await search.older.press("Escape");
  await expect(search.field).toHaveCount(0);
  await expect(alice.page.locator("[data-search-hit]")).toHaveCount(0);
  await search.openInChat('"walk 5"');
  await expect(search.counter).toHaveText("1 of 1");
  await search.expectShown(herons[2]!);
  await search.field.press("Escape");
  await alice.page.getByTestId("jump-to-latest").click();
  await expect(alice.app.message("Walk number 160: nothing special today")).toBeInViewport();
  // What is sent now shows up at the bottom, as before the jump.
  await alice.app.send("Back to the present");
  await expect(alice.app.message("Back to the present")).toBeInViewport();

  // By touch on a phone.
  const phone = await signInAs(browser, a, PHONE, TOUCH);
  const onPhone = new SearchUi(phone.page);
  await phone.app.openChat("River walks");
  await phone.page.getByTestId("open-chat-search").tap();
  await onPhone.field.fill("heron");
  await expect(onPhone.counter).toHaveText("1 of 3");
  await onPhone.older.tap();
  await onPhone.older.tap();
  await expect(onPhone.counter).toHaveText("3 of 3");
  await onPhone.expectShown(herons[2]!);
  for (const scheme of SCHEMES) {
    await phone.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`search-chat-375-${scheme}`, phone.page);
  }
  await onPhone.newer.tap();
  await expect(onPhone.counter).toHaveText("2 of 3");
  await onPhone.expectShown(herons[1]!);
});

test("searching all chats lists hits by chat with the words marked, and opens the chat at one", async ({
  browser,
  request,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(240_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const { herons, gardenHeron } = await seed(request, a, b);
  const alice = await signInAs(browser, a, { width: 1440, height: 900 });
  const search = new SearchUi(alice.page);

  await search.listField.fill("nothingmatchesthis");
  await expect(alice.page.getByTestId("message-search-empty")).toBeVisible();
  await search.listField.fill("heron");
  await expect(search.listHits).toHaveCount(4);
  await expect(search.hitIn("River walks")).toHaveCount(3);
  const inGarden = search.hitIn("Garden club");
  await expect(inGarden).toHaveAttribute("data-message-id", String(gardenHeron.id));
  await expect(inGarden.locator("mark")).toHaveText(["heron"]);
  await expect(inGarden.getByTestId("message-search-snippet")).toHaveText(
    "A heron ate the fish in the pond again",
  );
  // Chats are matched by name as well.
  await search.listField.fill("garden");
  await expect(alice.app.chatRow("Garden club")).toBeVisible();
  await search.listField.fill("heron");
  for (const scheme of SCHEMES) {
    await alice.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`search-list-1440-${scheme}`, alice.page);
  }
  await alice.page.emulateMedia({ colorScheme: "light" });

  // By keyboard: Down from the field walks the rows, Home/End jump, Up from the first row returns to
  // the field, Enter opens the focused hit.
  const keys = alice.page.keyboard;
  await search.listField.focus();
  await keys.press("ArrowDown");
  await expect(search.listHits.nth(0)).toBeFocused();
  await keys.press("ArrowDown");
  await expect(search.listHits.nth(1)).toBeFocused();
  await keys.press("End");
  await expect(search.listHits.nth(3)).toBeFocused();
  await keys.press("Home");
  await expect(search.listHits.nth(0)).toBeFocused();
  await keys.press("ArrowUp");
  await expect(search.listField).toBeFocused();
  await keys.press("ArrowDown");
  await keys.press("ArrowDown");
  const second = Number(await search.listHits.nth(1).getAttribute("data-message-id"));
  await keys.press("Enter");
  await search.expectShown(second);

  // The oldest hit is far back: the chat opens at it.
  await alice.page.locator(`[data-testid="message-search-hit"][data-message-id="${herons[2]}"]`).click();
  await expect(alice.app.conversationTitle).toHaveText("River walks");
  await search.expectShown(herons[2]!);
  await inGarden.click();
  await expect(alice.app.conversationTitle).toHaveText("Garden club");
  await search.expectShown(gardenHeron.id);

  const phone = await signInAs(browser, a, PHONE, TOUCH);
  const onPhone = new SearchUi(phone.page);
  await onPhone.listField.fill("heron");
  await expect(onPhone.listHits).toHaveCount(4);
  for (const scheme of SCHEMES) {
    await phone.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`search-list-375-${scheme}`, phone.page);
  }
  await phone.page.emulateMedia({ colorScheme: "light" });
  await onPhone.listHits.filter({ hasText: "walk 90" }).tap();
  await expect(phone.app.conversationTitle).toHaveText("River walks");
  await onPhone.expectShown(herons[1]!);
});
