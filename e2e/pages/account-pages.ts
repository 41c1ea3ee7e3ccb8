import { expect, type Locator, type Page } from "@playwright/test";

/** /forgot-password and the /reset-password page its mailed link opens. */
export class PasswordRecoveryPages {
  readonly email: Locator;
  readonly send: Locator;
  readonly sent: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly reset: Locator;
  readonly done: Locator;
  readonly linkProblem: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByTestId("email-input");
    this.send = page.getByTestId("forgot-submit");
    this.sent = page.getByTestId("forgot-sent");
    this.newPassword = page.getByLabel("New password", { exact: true });
    this.confirmPassword = page.getByLabel("New password again");
    this.reset = page.getByTestId("reset-submit");
    this.done = page.getByTestId("reset-done");
    this.linkProblem = page.getByTestId("reset-link-problem");
  }

  async requestLink(email: string): Promise<void> {
    await this.email.fill(email);
    await this.send.click();
    await expect(this.sent).toBeVisible();
  }

  async setPassword(password: string, again = password): Promise<void> {
    await this.newPassword.fill(password);
    await this.confirmPassword.fill(again);
    await this.reset.click();
  }
}

/** The password, e-mail and delete-account sections of /settings. */
export class AccountSettings {
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly signOutOthers: Locator;
  readonly changePassword: Locator;
  readonly passwordChanged: Locator;
  readonly newEmail: Locator;
  readonly emailPassword: Locator;
  readonly requestCode: Locator;
  readonly code: Locator;
  readonly confirmCode: Locator;
  readonly emailChanged: Locator;
  readonly accountEmail: Locator;
  readonly deleteOpen: Locator;
  readonly deletePassword: Locator;
  readonly deleteConfirm: Locator;

  constructor(readonly page: Page) {
    const form = page.getByTestId("password-form");
    this.currentPassword = form.getByLabel("Current password");
    this.newPassword = form.getByLabel("New password", { exact: true });
    this.confirmPassword = form.getByLabel("New password again");
    this.signOutOthers = page.getByTestId("password-sign-out-others");
    this.changePassword = page.getByTestId("password-save");
    this.passwordChanged = page.getByTestId("password-changed");
    this.newEmail = page.getByTestId("new_email-input");
    this.emailPassword = page.getByTestId("email-password-input");
    this.requestCode = page.getByTestId("email-request");
    this.code = page.getByTestId("email-code-input");
    this.confirmCode = page.getByTestId("email-confirm");
    this.emailChanged = page.getByTestId("email-changed");
    this.accountEmail = page.getByTestId("account-email");
    this.deleteOpen = page.getByTestId("delete-account-open");
    this.deletePassword = page.getByTestId("delete-account-password");
    this.deleteConfirm = page.getByTestId("delete-account-confirm");
  }

  async changePasswordTo(current: string, next: string): Promise<void> {
    await this.currentPassword.fill(current);
    await this.newPassword.fill(next);
    await this.confirmPassword.fill(next);
    await this.changePassword.click();
  }
}
