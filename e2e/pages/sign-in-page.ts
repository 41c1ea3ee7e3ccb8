import { expect, type Locator, type Page } from "@playwright/test";
import { BASE_URL } from "../env.ts";

export class SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly formError: Locator;
  readonly verifyLink: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByTestId("email-input");
    this.password = page.getByTestId("password-input");
    this.submit = page.getByTestId("signin-submit");
    this.formError = page.getByTestId("form-error");
    this.verifyLink = this.formError.getByRole("link", { name: "Enter or resend the code" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/signin");
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    // The full origin too: sign-out must not bounce the browser to another host than APP_URL.
    await expect(this.page).toHaveURL((url) => url.origin === BASE_URL && url.pathname === "/signin");
    await expect(this.submit).toBeVisible();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}
