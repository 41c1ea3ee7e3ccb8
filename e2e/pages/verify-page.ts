import { expect, type Locator, type Page } from "@playwright/test";

export class VerifyPage {
  readonly email: Locator;
  readonly code: Locator;
  readonly submit: Locator;
  readonly resend: Locator;
  readonly formError: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByTestId("email-input");
    this.code = page.getByTestId("code-input");
    this.submit = page.getByTestId("verify-submit");
    this.resend = page.getByTestId("resend-code");
    this.formError = page.getByTestId("form-error");
  }

  /** Waits until the browser is on /verify?email=<email> with the address filled in. */
  async expectLoadedFor(email: string): Promise<void> {
    await expect(this.page).toHaveURL(
      (url) => url.pathname === "/verify" && url.searchParams.get("email") === email,
    );
    await expect(this.email).toHaveValue(email);
    await expect(this.code).toBeVisible();
  }

  async verify(code: string): Promise<void> {
    await this.code.fill(code);
    await this.submit.click();
  }
}
