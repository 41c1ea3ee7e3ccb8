import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { signInAs, signInToDialog } from "./people.ts";

/** The bubble's content fits in it (nothing scrolls sideways) and the bubble fits in the viewport. */
async function fits(bubble: Locator) {
  return bubble.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return {
      inside: el.scrollWidth <= el.clientWidth,
      inViewport: box.left >= 0 && box.right <= document.documentElement.clientWidth,
      page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
    };
  });
}

test("Markdown renders safely, links open in a new tab, long words wrap; screenshots with reactions", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  const styled = "**Bold** plan, _italic_ aside, ~~old idea~~ and `npm test`";
  await alice.app.send(styled);
  await alice.app.send("> Ship it on Friday\n\nAgreed with the quote above");
  await alice.app.send("```\nconst answer = 42;\nconsole.log(answer);\n```");
  await alice.app.send(
    "Docs at https://example.org/guide and [the spec](https://example.org/spec), not [this](javascript:alert(1))",
  );
  await alice.app.send("<script>alert('x')</script><img src=x onerror=alert(1)>");
  const word = "Supercalifragilisticexpialidocious".repeat(9).slice(0, 300);
  const url = `https://example.test/download?token=${"a1B2c3D4e5".repeat(27)}`;
  await alice.app.send(word);
  await alice.app.send(url);

  const bob = await signInAs(browser, b);
  await bob.app.openChat(a.displayName);
  const text = (m: string) => bob.app.message(m).getByTestId("message-text");
  const bold = bob.page.getByTestId("message-text").locator("strong", { hasText: "Bold" });
  await expect(bold).toBeVisible();
  const first = bold.locator("xpath=ancestor::*[@data-testid='message-text']");
  await expect(first.locator("em")).toHaveText("italic");
  await expect(first.locator("del")).toHaveText("old idea");
  await expect(first.locator("code")).toHaveText("npm test");
  await expect(bob.page.locator("[data-testid=message-text] blockquote")).toHaveText("Ship it on Friday");
  await expect(bob.page.locator("[data-testid=message-text] pre code")).toContainText("const answer = 42;");

  const links = bob.page.getByTestId("message-link");
  await expect(links).toHaveCount(2 + 1); // the bare URL, the spec, and the long URL message
  for (const href of ["https://example.org/guide", "https://example.org/spec"]) {
    const link = bob.page.locator(`[data-testid="message-link"][href="${href}"]`);
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  }
  await expect(bob.page.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(bob.page.getByText("this", { exact: true })).toBeVisible();
  // Raw HTML is text: the script is shown, not run, and no <img> came of it.
  await expect(bob.page.getByText("<script>alert('x')</script><img src=x onerror=alert(1)>")).toBeVisible();
  await expect(
    bob.page.locator("[data-testid=message-text] img, [data-testid=message-text] script"),
  ).toHaveCount(0);

  // A reaction or two for the pictures.
  // message() matches the rendered text, which has no Markdown syntax left.
  await bob.app.quickReact(styled.replace(/[*_~`]/g, ""), "😂");
  await bob.app.quickReact("Agreed with the quote above", "👍");
  await alice.app.quickReact("Agreed with the quote above", "❤️");
  await expect(bob.app.chip("Agreed with the quote above", "❤️")).toBeVisible();

  for (const scheme of ["light", "dark"] as const) {
    await bob.page.emulateMedia({ colorScheme: scheme });
    for (const viewport of [
      { width: 1440, height: 1000 },
      { width: 375, height: 812 },
    ]) {
      await bob.page.setViewportSize(viewport);
      for (const long of [word, url]) {
        const bubble = bob.app.message(long).getByTestId("message-bubble");
        await bubble.scrollIntoViewIfNeeded();
        expect(await fits(bubble), `${long.slice(0, 20)} at ${viewport.width} px`).toEqual({
          inside: true,
          inViewport: true,
          page: true,
        });
      }
      await text("Agreed with the quote above").scrollIntoViewIfNeeded();
      await saveScreenshot(`reactions-${viewport.width === 375 ? "mobile" : "desktop"}-${scheme}`, bob.page);
    }
  }
  for (const p of [alice, bob]) await p.context.close();
});
