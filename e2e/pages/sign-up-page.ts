import type { Locator, Page } from "@playwright/test";

export type SignUpDetails = { email: string; username?: string; displayName?: string; password: string };

export class SignUpPage {
  readonly email: Locator;
  readonly username: Locator;
  readonly displayName: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly formError: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByTestId("email-input");
    this.username = page.getByTestId("username-input");
    this.displayName = page.getByTestId("display_name-input");
    this.password = page.getByTestId("password-input");
    this.submit = page.getByTestId("signup-submit");
    this.formError = page.getByTestId("form-error");
  }

  async goto(): Promise<void> {
    await this.page.goto("/signup");
    await this.submit.waitFor();
  }

  async fill(details: SignUpDetails): Promise<void> {
    await this.email.fill(details.email);
    if (details.username) await this.username.fill(details.username);
    if (details.displayName) await this.displayName.fill(details.displayName);
    await this.password.fill(details.password);
  }

  async signUp(details: SignUpDetails): Promise<void> {
    await this.fill(details);
    await this.submit.click();
  }
}
