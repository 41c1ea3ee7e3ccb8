import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { expect, test } from "./fixtures.ts";
import { signInAs, signInToDialog } from "./people.ts";

// A tiny but valid PDF: the download must come back byte for byte.
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

test("pictures and files: an image and a PDF go from one person to the other", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(90_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const png = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 110, b: 190 } },
  })
    .png()
    .toBuffer();

  const alice = await signInToDialog(browser, a, b);
  await alice.page.getByTestId("attach-input").setInputFiles([
    { name: "harbour.png", mimeType: "image/png", buffer: png },
    { name: "minutes.pdf", mimeType: "application/pdf", buffer: PDF },
  ]);
  await expect(alice.page.locator('[data-testid="upload-item"][data-state="done"]')).toHaveCount(2);
  await alice.app.composer.fill("Saturday's photo and the minutes");
  await alice.app.composer.press("Enter");
  await expect(alice.page.getByTestId("upload-tray")).toHaveCount(0);
  await expect(alice.app.statusOf("Saturday's photo and the minutes")).toHaveAttribute(
    "data-status",
    /sent|delivered|read/,
  );

  const bob = await signInAs(browser, b);
  await bob.app.openChat(a.displayName);
  const message = bob.app.message("Saturday's photo and the minutes");
  const thumbnail = message.getByTestId("attachment-thumbnail");
  await expect(thumbnail).toBeVisible();
  // The thumbnail is a real, smaller picture made by the server.
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeLessThan(1200);
  await expect(message.locator('[data-testid="attachment-file"][data-filename="minutes.pdf"]')).toContainText(
    "minutes.pdf",
  );
  await saveScreenshot("attachments", bob.page);

  // Full size in the viewer.
  await message.getByTestId("attachment-media").click();
  const full = bob.page.getByTestId("media-viewer-image");
  await expect(full).toBeVisible();
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
  await saveScreenshot("media-viewer", bob.page);
  await bob.page.keyboard.press("Escape");
  await expect(full).toBeHidden();

  // The PDF downloads with its name and exact bytes.
  const downloading = bob.page.waitForEvent("download");
  await message.getByTestId("attachment-download").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("minutes.pdf");
  expect(Buffer.compare(await readFile(await download.path()), PDF)).toBe(0);

  // Avatars use the same pipeline: Alice picks a photo, Bob sees it on her chat.
  await alice.page.goto("/settings");
  await alice.page.getByTestId("profile-avatar-input").setInputFiles({
    name: "me.png",
    mimeType: "image/png",
    buffer: png,
  });
  await expect(alice.page.getByTestId("settings-profile").locator("img")).toBeVisible();
  await bob.page.reload();
  const avatar = bob.app.chatRow(a.displayName).locator("img");
  await expect(avatar).toBeVisible();
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await alice.context.close();
  await bob.context.close();
});
