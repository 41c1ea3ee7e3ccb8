import sharp from "sharp";
import { expect, test } from "./fixtures.ts";
import { PHONE, signInAs, signInToDialog, TOUCH } from "./people.ts";

const picture = (r: number, g: number, b: number) =>
  sharp({ create: { width: 600, height: 400, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();

test("a chat's info panel shows its shared photos and files; a photo opens in the viewer", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  await alice.page.getByTestId("attach-input").setInputFiles([
    { name: "sea.png", mimeType: "image/png", buffer: await picture(30, 110, 190) },
    { name: "forest.png", mimeType: "image/png", buffer: await picture(40, 150, 70) },
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("bring the tent\n") },
  ]);
  await expect(alice.page.locator('[data-testid="upload-item"][data-state="done"]')).toHaveCount(3);
  await alice.app.send("Holiday pictures and the list");
  await expect(alice.app.statusOf("Holiday pictures and the list")).toHaveAttribute(
    "data-status",
    /sent|delivered|read/,
  );

  const bob = await signInAs(browser, b);
  await bob.app.openChat(a.displayName);
  await bob.page.getByTestId("open-chat-info").click();
  const media = bob.page.getByTestId("shared-media-item");
  await expect(media).toHaveCount(2);
  await expect(media.first().locator("img")).toBeVisible();
  await bob.page.getByTestId("shared-tab-files").click();
  await expect(bob.page.getByTestId("shared-file")).toHaveCount(1);
  await expect(bob.page.getByTestId("shared-file")).toContainText("notes.txt");
  await bob.page.getByTestId("shared-tab-media").click();
  for (const scheme of ["light", "dark"] as const) {
    await bob.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`shared-media-desktop-${scheme}`, bob.page);
  }
  await bob.page.emulateMedia({ colorScheme: "light" });
  await bob.page.locator('[data-testid="shared-media-item"][data-filename="sea.png"]').click();
  await expect(bob.page.getByRole("dialog", { name: "sea.png" })).toBeVisible();
  await bob.page.keyboard.press("Escape");

  // A phone: the panel covers the conversation; a tap on a tab switches.
  const phone = await signInAs(browser, b, PHONE, TOUCH);
  await phone.app.openChat(a.displayName);
  await phone.page.getByTestId("conversation-header-info").tap();
  await expect(phone.page.getByTestId("shared-media-item")).toHaveCount(2);
  await phone.page.getByTestId("shared-media").scrollIntoViewIfNeeded();
  for (const scheme of ["light", "dark"] as const) {
    await phone.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`shared-media-mobile-${scheme}`, phone.page);
  }
  await phone.page.getByTestId("shared-tab-files").tap();
  await expect(phone.page.getByTestId("shared-file")).toHaveCount(1);
  for (const p of [alice, bob, phone]) await p.context.close();
});
