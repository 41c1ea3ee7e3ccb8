import { expect, type Locator, type Page } from "@playwright/test";

/** The signed-in start page (/): the chat list, with the real-time socket open. */
export class HomePage {
  readonly messenger: Locator;
  readonly settingsLink: Locator;

  constructor(readonly page: Page) {
    this.messenger = page.getByTestId("messenger");
    this.settingsLink = page.getByTestId("open-settings");
  }

  async expectSignedInAs(displayName: string): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === "/");
    await expect(this.settingsLink).toHaveAccessibleName(`Settings (${displayName})`);
    await expect(this.messenger).toHaveAttribute("data-socket", "online");
  }

  /** Sign-out lives in Settings, as in most messengers. */
  async signOut(): Promise<void> {
    await this.settingsLink.click();
    await this.page.getByTestId("sign-out").click();
  }
}
