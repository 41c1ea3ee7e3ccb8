import { expect, type Locator, type Page } from "@playwright/test";

export type AdminTab = "reports" | "people" | "audit" | "dashboard";

/** The admin console (/admin). */
export class AdminPage {
  readonly heading: Locator;
  readonly reports: Locator;
  readonly reasonDialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Admin console" });
    this.reports = page.getByTestId("admin-report");
    this.reasonDialog = page.getByTestId("reason-dialog");
  }

  async goto(tab: AdminTab = "reports"): Promise<void> {
    await this.page.goto(`/admin?tab=${tab}`);
    await expect(this.heading).toBeVisible();
  }

  async tab(tab: AdminTab): Promise<void> {
    await this.page.getByTestId(`admin-tab-${tab}`).click();
    await expect(this.page.getByTestId(`admin-tab-${tab}`)).toHaveAttribute("aria-selected", "true");
  }

  /** The report card whose reported message has this text. */
  reportOf(text: string): Locator {
    return this.reports.filter({
      has: this.page.getByTestId("reported-message").getByTestId("admin-message-text").getByText(text, {
        exact: true,
      }),
    });
  }

  /** Types the reason into the open confirmation and confirms. */
  async confirmWithReason(reason: string, options: { deleteMessages?: boolean } = {}): Promise<void> {
    await this.reasonDialog.getByTestId("reason-input").fill(reason);
    if (options.deleteMessages) await this.reasonDialog.getByTestId("reason-delete-messages").check();
    await this.reasonDialog.getByTestId("reason-confirm").click();
    await expect(this.reasonDialog).toBeHidden();
  }

  async openPerson(username: string): Promise<Locator> {
    await this.tab("people");
    await this.page.getByTestId("people-search").fill(username);
    await this.page.locator(`[data-testid="admin-person-row"][data-username="${username}"]`).click();
    const detail = this.page.locator(`[data-testid="person-detail"][data-username="${username}"]`);
    await expect(detail).toBeVisible();
    return detail;
  }
}
