import { expect, type Locator, type Page } from "@playwright/test";

/** The call UI of one person's page: header buttons, the ringing dialog, the call screen, the banner. */
export class CallUi {
  readonly screen: Locator;
  readonly minimised: Locator;
  readonly banner: Locator;
  readonly notice: Locator;
  readonly entries: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId("call-screen");
    this.minimised = page.getByTestId("call-minimised");
    this.banner = page.getByTestId("call-banner");
    this.notice = page.getByTestId("call-notice");
    this.entries = page.getByTestId("call-entry");
  }

  headerButton(kind: "voice" | "video"): Locator {
    return this.page
      .getByTestId("conversation")
      .locator("header")
      .getByRole("button", { name: kind === "voice" ? "Voice call" : "Video call", exact: true });
  }

  async start(kind: "voice" | "video"): Promise<void> {
    await this.headerButton(kind).click();
    await expect(this.screen).toBeVisible();
  }

  incoming(name: string): Locator {
    return this.page.getByRole("dialog", { name, exact: true });
  }

  control(name: string): Locator {
    return this.screen.getByRole("button", { name, exact: true });
  }

  async expectPhase(phase: "outgoing" | "connecting" | "connected" | "reconnecting"): Promise<void> {
    await expect(this.screen).toHaveAttribute("data-call-phase", phase, { timeout: 20_000 });
  }

  entryText(): Locator {
    return this.entries.getByTestId("call-entry-text");
  }
}
