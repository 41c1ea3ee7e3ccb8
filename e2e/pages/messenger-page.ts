import { expect, type Locator, type Page } from "@playwright/test";

/** The chat list and the open conversation (/ and /c/{id}). */
export class MessengerPage {
  readonly composer: Locator;
  readonly messages: Locator;
  readonly conversationTitle: Locator;
  readonly conversationStatus: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.composer = page.getByTestId("composer-input");
    this.messages = page.getByTestId("message");
    this.conversationTitle = page.getByTestId("conversation-title");
    this.conversationStatus = page.getByTestId("conversation-status");
    this.banner = page.getByTestId("connection-banner");
  }

  async expectOnline(): Promise<void> {
    await expect(this.page.getByTestId("messenger")).toHaveAttribute("data-socket", "online");
  }

  chatRow(title: string): Locator {
    return this.page
      .getByTestId("chat-row")
      .filter({ has: this.page.getByTestId("chat-row-title").getByText(title, { exact: true }) });
  }

  async openChat(title: string): Promise<void> {
    await this.chatRow(title).click();
    await expect(this.conversationTitle).toHaveText(title);
  }

  /** New message → find the person by username → their dialog opens. */
  async startDialog(username: string, title: string): Promise<void> {
    await this.page.getByTestId("new-chat").click();
    await this.page.getByTestId("user-search-input").fill(username);
    await this.page.locator(`[data-testid="user-result"][data-username="${username}"]`).click();
    await expect(this.conversationTitle).toHaveText(title);
  }

  async createGroup(title: string, usernames: string[]): Promise<void> {
    await this.page.getByTestId("new-group").click();
    await this.page.getByTestId("group-title-input").fill(title);
    for (const username of usernames) {
      await this.page.getByTestId("user-search-input").fill(username);
      await this.page.locator(`[data-testid="user-result"][data-username="${username}"]`).click();
    }
    await this.page.getByTestId("create-group").click();
    await expect(this.conversationTitle).toHaveText(title);
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  message(text: string): Locator {
    return this.messages.filter({
      has: this.page.getByTestId("message-text").getByText(text, { exact: true }),
    });
  }

  /** The link preview card of the message with this text. */
  linkPreview(text: string): Locator {
    return this.message(text).getByTestId("link-preview");
  }

  statusOf(text: string): Locator {
    return this.message(text).getByTestId("message-status");
  }

  /** Hover shows a message's actions (they are also reachable with Tab). */
  async messageAction(text: string, action: "reply" | "edit" | "delete" | "report" | "react"): Promise<void> {
    const message = this.message(text);
    await message.hover();
    await message.getByTestId(`message-${action}`).click();
  }

  /** The reaction chip of an emoji under a message. */
  chip(text: string, emoji: string): Locator {
    return this.message(text).locator(`[data-testid="reaction-chip"][data-emoji="${emoji}"]`);
  }

  /** Hover → React → one of the quick reactions. */
  async quickReact(text: string, emoji: string): Promise<void> {
    await this.messageAction(text, "react");
    await this.message(text).locator(`[data-testid="quick-reaction"][data-emoji="${emoji}"]`).click();
  }

  /** Hover → React → "+" → the emoji in the picker. */
  async pickReaction(text: string, emoji: string): Promise<void> {
    await this.messageAction(text, "react");
    await this.message(text).getByTestId("reaction-more").click();
    const picker = this.page.getByTestId("emoji-picker");
    await picker.locator(`[data-testid="picker-emoji"][data-emoji="${emoji}"]`).click();
    await expect(picker).toBeHidden();
  }

  /** The chat list's menu for a chat, opened with a right click (as a desktop user would). */
  async openChatMenu(title: string): Promise<Locator> {
    await this.chatRow(title).click({ button: "right" });
    const menu = this.page.getByRole("dialog", { name: "Chat actions" });
    await expect(menu).toBeVisible();
    return menu;
  }

  /** Chat menu → an action (pin, unread, archive, unmute), or mute for a span ("1h", "forever"…). */
  async chatAction(title: string, action: "pin" | "unread" | "archive" | "unmute" | `mute-${string}`) {
    const menu = await this.openChatMenu(title);
    if (action.startsWith("mute-")) await menu.getByTestId("chat-menu-mute").click();
    await menu.getByTestId(`chat-menu-${action}`).click();
    await expect(menu).toBeHidden();
  }

  async chatOrder(): Promise<string[]> {
    return this.page.getByTestId("chat-row-title").allInnerTexts();
  }
}
