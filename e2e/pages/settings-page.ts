import { expect, type Locator, type Page } from "@playwright/test";

export type ThemeChoice = "light" | "dark" | "system";

/** The signed-in settings page (/settings). */
export class SettingsPage {
  readonly heading: Locator;
  readonly back: Locator;
  readonly displayName: Locator;
  readonly username: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly devices: Locator;
  readonly currentDevice: Locator;
  readonly otherDevices: Locator;
  readonly revokeOthers: Locator;
  readonly revokeOthersConfirm: Locator;
  readonly notificationsStatus: Locator;
  readonly notificationsEnable: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Settings" });
    this.back = page.getByTestId("settings-back");
    this.displayName = page.getByTestId("profile-display-name-input");
    this.username = page.getByTestId("profile-username-input");
    this.save = page.getByTestId("profile-save");
    this.saved = page.getByTestId("profile-saved");
    this.devices = page.getByTestId("device-row");
    this.currentDevice = page.locator('[data-testid="device-row"][data-current="true"]');
    this.otherDevices = page.locator('[data-testid="device-row"][data-current="false"]');
    this.revokeOthers = page.getByTestId("devices-revoke-others");
    this.revokeOthersConfirm = page.getByTestId("confirm-dialog").getByTestId("confirm-ok");
    this.notificationsStatus = page.getByTestId("notifications-status");
    this.notificationsEnable = page.getByTestId("notifications-enable");
  }

  async goto(): Promise<void> {
    await this.page.goto("/settings");
    await this.expectLoaded();
  }

  /** On /settings with the device list loaded (the last part to arrive). */
  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === "/settings");
    await expect(this.heading).toBeVisible();
    await expect(this.currentDevice).toHaveCount(1);
  }

  async saveProfile(changes: { displayName?: string; username?: string }): Promise<void> {
    if (changes.displayName !== undefined) await this.displayName.fill(changes.displayName);
    if (changes.username !== undefined) await this.username.fill(changes.username);
    await this.save.click();
  }

  /** Asks to revoke a device and confirms. */
  async revoke(row: Locator): Promise<void> {
    await row.getByTestId("device-revoke").click();
    await this.page.getByTestId("confirm-dialog").getByTestId("confirm-ok").click();
  }

  async signOutOtherDevices(): Promise<void> {
    await this.revokeOthers.click();
    await this.revokeOthersConfirm.click();
  }

  theme(choice: ThemeChoice): Locator {
    return this.page.getByTestId(`theme-${choice}`);
  }

  async expectDark(dark: boolean): Promise<void> {
    if (dark) await expect(this.page.locator("html")).toHaveClass(/(^|\s)dark(\s|$)/);
    else await expect(this.page.locator("html")).not.toHaveClass(/(^|\s)dark(\s|$)/);
  }
}
