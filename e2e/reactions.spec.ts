import { expect, test } from "./fixtures.ts";
import { PHONE, signInAs, signInToDialog, TOUCH } from "./people.ts";
import { longPress } from "./touch.ts";

test("react with the quick bar and the picker; the other person sees chips live; a click toggles", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(90_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  await alice.app.send("Lunch at noon?");
  const bob = await signInAs(browser, b);
  await bob.app.openChat(a.displayName);

  await bob.app.quickReact("Lunch at noon?", "👍");
  await expect(bob.app.chip("Lunch at noon?", "👍")).toHaveAttribute("data-mine", "true");
  // Alice's chip arrives over the socket, not mine.
  await expect(alice.app.chip("Lunch at noon?", "👍")).toHaveAttribute("data-mine", "false");
  await expect(alice.app.chip("Lunch at noon?", "👍").getByTestId("reaction-count")).toHaveText("1");

  await bob.app.pickReaction("Lunch at noon?", "🎉");
  await expect(alice.app.chip("Lunch at noon?", "🎉")).toBeVisible();
  await expect(bob.page.getByTestId("emoji-picker")).toBeHidden();

  // Alice joins in on 👍 by clicking the chip: two, hers highlighted; Bob sees two.
  await alice.app.chip("Lunch at noon?", "👍").click();
  await expect(alice.app.chip("Lunch at noon?", "👍")).toHaveAttribute("data-mine", "true");
  await expect(bob.app.chip("Lunch at noon?", "👍").getByTestId("reaction-count")).toHaveText("2");

  // Who reacted: hovering a chip lists the names.
  await alice.app.chip("Lunch at noon?", "👍").hover();
  const who = alice.app.message("Lunch at noon?").getByTestId("reaction-who");
  await expect(who).toContainText(a.displayName);
  await expect(who).toContainText(b.displayName);

  // Bob takes his 👍 back with a click on his chip, and his 🎉 with the quick bar.
  await bob.app.chip("Lunch at noon?", "👍").click();
  await expect(bob.app.chip("Lunch at noon?", "👍")).toHaveAttribute("data-mine", "false");
  await expect(alice.app.chip("Lunch at noon?", "👍").getByTestId("reaction-count")).toHaveText("1");
  await bob.app.quickReact("Lunch at noon?", "👍"); // and adds it again from the bar
  await expect(alice.app.chip("Lunch at noon?", "👍").getByTestId("reaction-count")).toHaveText("2");
  await bob.app.chip("Lunch at noon?", "🎉").click();
  await expect(alice.app.chip("Lunch at noon?", "🎉")).toHaveCount(0);

  // The quick bar, as it opens from the hover toolbar.
  await bob.app.messageAction("Lunch at noon?", "react");
  await expect(bob.app.message("Lunch at noon?").getByTestId("quick-reactions")).toBeVisible();
  await saveScreenshot("reaction-bar-desktop-light", bob.page);

  // After a reload the chips come from history, with `me` per person.
  await alice.page.reload();
  await alice.app.openChat(b.displayName);
  await expect(alice.app.chip("Lunch at noon?", "👍")).toHaveAttribute("data-mine", "true");
  await expect(alice.app.chip("Lunch at noon?", "👍").getByTestId("reaction-count")).toHaveText("2");
  for (const p of [alice, bob]) await p.context.close();
});

test("on a touch screen the long-press sheet has the quick reactions and the picker", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(90_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  await alice.app.send("Phone reactions");
  const bob = await signInAs(browser, b, PHONE, TOUCH);
  await bob.app.openChat(a.displayName);

  const menu = bob.page.getByRole("dialog", { name: "Message actions" });
  await longPress(bob.page, bob.app.message("Phone reactions").getByTestId("message-bubble"));
  await expect(menu).toBeVisible();
  await menu.locator('[data-testid="quick-reaction"][data-emoji="❤️"]').tap();
  await expect(menu).toBeHidden();
  await expect(alice.app.chip("Phone reactions", "❤️")).toBeVisible();

  await bob.app.message("Phone reactions").getByRole("button", { name: "More actions" }).tap();
  await menu.getByTestId("reaction-more").tap();
  const picker = bob.page.getByTestId("emoji-picker");
  await expect(picker).toBeVisible();
  await bob.page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot("reaction-picker-mobile-dark", bob.page);
  await picker.locator('[data-testid="picker-emoji"][data-emoji="🔥"]').tap();
  await expect(alice.app.chip("Phone reactions", "🔥")).toBeVisible();

  // Tapping my chip takes it back.
  await bob.app.chip("Phone reactions", "❤️").tap();
  await expect(alice.app.chip("Phone reactions", "❤️")).toHaveCount(0);
  for (const p of [alice, bob]) await p.context.close();
});
