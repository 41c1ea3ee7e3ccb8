import type { Locator, Page } from "@playwright/test";

/** A finger held on the element for most of a second (Chromium's own touch input, over CDP). */
export async function longPress(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error("long press target is not visible");
  const point = { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 12) };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
  await page.waitForTimeout(800);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}
