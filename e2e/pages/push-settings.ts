import { expect, type Locator, type Page } from "@playwright/test";
import { SCREENSHOT_DIR } from "../fixtures.ts";

/** Settings → Notifications: push on this device and the message-text previews switch. */
export class PushSettingsSection {
  readonly section: Locator;
  readonly device: Locator;
  readonly status: Locator;
  readonly enable: Locator;
  readonly disable: Locator;
  readonly previews: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId("settings-notifications");
    this.device = page.getByTestId("push-device");
    this.status = page.getByTestId("push-status");
    this.enable = page.getByTestId("push-enable");
    this.disable = page.getByTestId("push-disable");
    this.previews = page.getByTestId("push-previews");
    this.error = this.device.getByTestId("form-error");
  }

  async expectState(state: "unsupported" | "denied" | "off" | "on", pill: string): Promise<void> {
    await expect(this.device).toHaveAttribute("data-state", state);
    await expect(this.status).toHaveText(pill);
  }

  /** A picture of just this section (or another part of the page), in e2e/screenshots/<name>.png. */
  async screenshot(name: string, target: Locator = this.section): Promise<void> {
    await this.page.mouse.move(0, 0);
    await this.page.evaluate(async () => {
      await document.fonts.ready;
    });
    await target.screenshot({
      path: `${SCREENSHOT_DIR}/${name}.png`,
      caret: "hide",
      animations: "disabled",
    });
  }
}
