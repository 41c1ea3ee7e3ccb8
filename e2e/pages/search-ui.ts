import { expect, type Locator, type Page } from "@playwright/test";

/** The search in a conversation (header button → field, counter, older/newer) and in the chat list. */
export class SearchUi {
  readonly field: Locator;
  readonly counter: Locator;
  readonly older: Locator;
  readonly newer: Locator;
  readonly listField: Locator;
  readonly listHits: Locator;

  constructor(readonly page: Page) {
    this.field = page.getByTestId("chat-search-input");
    this.counter = page.getByTestId("chat-search-counter");
    this.older = page.getByTestId("chat-search-next");
    this.newer = page.getByTestId("chat-search-previous");
    this.listField = page.getByTestId("chat-filter");
    this.listHits = page.getByTestId("message-search-hit");
  }

  async openInChat(query: string): Promise<void> {
    await this.page.getByTestId("open-chat-search").click();
    await this.field.fill(query);
  }

  /** The message with this id is on screen and marked as the current hit. */
  async expectShown(messageId: number): Promise<void> {
    const message = this.page.locator(`[data-testid="message"][data-message-id="${messageId}"]`);
    await expect(message).toHaveAttribute("data-search-hit", "");
    await expect(message).toBeInViewport();
  }

  hitIn(chatTitle: string): Locator {
    return this.listHits.filter({
      has: this.page.getByTestId("message-search-chat").getByText(chatTitle, { exact: true }),
    });
  }
}
