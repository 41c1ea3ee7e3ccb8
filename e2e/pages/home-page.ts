import { expect, type Locator, type Page } from "@playwright/test";

/** The signed-in start page (/). */
export class HomePage {
  readonly signedInAs: Locator;
  readonly socketStatus: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.signedInAs = page.getByTestId("signed-in-as");
    this.socketStatus = page.getByTestId("socket-status");
    this.signOutButton = page.getByTestId("sign-out");
  }

  /** On /, greeting the user, with the real-time socket open. */
  async expectSignedInAs(displayName: string): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === "/");
    await expect(this.signedInAs).toHaveText(`Signed in as ${displayName}`);
    await expect(this.socketStatus).toHaveAttribute("data-state", "connected");
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}
