import { expect, type Locator, type Page } from "@playwright/test";
import { longPress } from "../touch.ts";
import type { MessengerPage } from "./messenger-page.ts";

/** The message menu and what it leads to: pins, selection mode, the forward dialog. */
export class MessageActions {
  readonly menu: Locator;
  readonly pinnedBar: Locator;
  readonly selectionBar: Locator;
  readonly forwardDialog: Locator;

  constructor(
    readonly page: Page,
    readonly app: MessengerPage,
  ) {
    this.menu = page.getByTestId("message-menu");
    this.pinnedBar = page.getByTestId("pinned-bar");
    this.selectionBar = page.getByTestId("selection-bar");
    this.forwardDialog = page.getByTestId("forward-dialog");
  }

  /** Hover → "More" with a mouse; a long press on a touch screen. */
  async openMenu(text: string, touch = false): Promise<void> {
    const message = this.app.message(text);
    if (touch) await longPress(this.page, message.getByTestId("message-bubble"));
    else {
      await message.hover();
      await message.getByTestId("message-actions-more").click();
    }
    await expect(this.menu).toBeVisible();
  }

  async menuAction(text: string, item: "pin" | "forward" | "select" | "delete", touch = false) {
    await this.openMenu(text, touch);
    const button = this.menu.getByTestId(`message-menu-${item}`);
    await (touch ? button.tap() : button.click());
    await expect(this.menu).toBeHidden();
  }

  /** The chat chooser: type part of the name, pick the chat. */
  async forwardTo(chatTitle: string): Promise<void> {
    await this.forwardDialog.getByTestId("forward-search").fill(chatTitle);
    await this.forwardDialog.getByTestId("forward-target").filter({ hasText: chatTitle }).click();
    await expect(this.forwardDialog).toBeHidden();
  }
}
