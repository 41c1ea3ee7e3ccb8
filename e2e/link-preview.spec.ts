import { type PreviewSite, startPreviewSite } from "../test/support/preview-site.ts";
import { E2E_PREVIEW_PORT } from "./env.ts";
import { expect, test } from "./fixtures.ts";
import { PHONE, signInAs, signInToDialog, TOUCH } from "./people.ts";

let site: PreviewSite;
test.beforeAll(async () => {
  site = await startPreviewSite({ port: E2E_PREVIEW_PORT });
});
test.afterAll(async () => {
  await site?.close();
});

test("a sent link gets its card for both people, live; the card opens the page in a new tab", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  const bob = await signInAs(browser, b, PHONE, TOUCH);
  await bob.app.openChat(a.displayName);

  const url = `${site.origin}/article/e2e-${Date.now()}`;
  const text = `Have a look: ${url}`;
  await alice.app.send(text);
  await alice.app.send("Plain words, no card.");
  // Both already had the chat open: the card arrives after the message, over the socket.
  for (const person of [alice, bob]) {
    const card = person.app.linkPreview(text);
    await expect(card).toBeVisible();
    await expect(card.getByTestId("link-preview-site")).toHaveText("Local News");
    await expect(card.getByTestId("link-preview-title")).toHaveText("An & article");
    await expect(card.getByTestId("link-preview-description")).toContainText("What the article is about");
    await expect(card).toHaveAttribute("href", url);
    await expect(card).toHaveAttribute("target", "_blank");
    await expect(card).toHaveAttribute("rel", "noopener noreferrer nofollow");
    // The image is stu's copy: loaded from the app, never from the site.
    const image = card.getByTestId("link-preview-image");
    await expect(image).toHaveAttribute("src", /^\/v1\/link-previews\/\d+\/image$/);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
    await expect(person.app.linkPreview("Plain words, no card.")).toHaveCount(0);
  }
  expect(site.hits.get("/image.png")).toBe(1);

  for (const [person, tag] of [
    [alice, "desktop"],
    [bob, "mobile"],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      await person.page.emulateMedia({ colorScheme: scheme });
      await saveScreenshot(`link-preview-${tag}-${scheme}`, person.page);
    }
  }
  // Alice at 375 px and Bob at 1440 px too: the card stays inside the bubble either way.
  await alice.page.setViewportSize(PHONE);
  await bob.page.setViewportSize({ width: 1440, height: 900 });
  for (const person of [alice, bob]) {
    const card = await person.app.linkPreview(text).boundingBox();
    const bubble = await person.app.message(text).getByTestId("message-bubble").boundingBox();
    expect(card!.x).toBeGreaterThanOrEqual(bubble!.x);
    expect(card!.x + card!.width).toBeLessThanOrEqual(bubble!.x + bubble!.width + 0.5);
  }
  await alice.page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot("link-preview-mine-mobile-light", alice.page);

  // A tap on the card (touch screen) opens the page in a new tab.
  await bob.page.setViewportSize(PHONE);
  const opened = bob.context.waitForEvent("page");
  await bob.app.linkPreview(text).tap();
  const tab = await opened;
  await tab.waitForLoadState("domcontentloaded");
  expect(tab.url()).toBe(url);
  for (const p of [alice, bob]) await p.context.close();
});
