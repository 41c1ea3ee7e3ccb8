import { type RefObject, useEffect } from "react";

/** A key press, from React's onKeyDown or a DOM listener. */
type KeyPress = { key: string; target: EventTarget | null; preventDefault(): void };

/** The rows arrow keys move between: chats, the archive folder and message hits. */
export const LIST_ROW = { "data-list-row": "" } as const;
const ROWS = "[data-list-row]";

/**
 * Arrow keys in the chat list, as in Telegram's and Slack's: Down from the search field goes to the
 * first row, Up and Down move between rows, Up from the first goes back to the field, Home and End
 * jump. Keys pressed anywhere else in the list (a row's menu, a button) are left alone.
 */
export function moveInList(e: KeyPress, list: HTMLElement | null, field: HTMLInputElement | null) {
  if (!list) return;
  const rows = [...list.querySelectorAll<HTMLElement>(ROWS)];
  const target = e.target as HTMLElement;
  const fromField = target === field;
  if (!rows.length || (!fromField && !target.matches(ROWS))) return;
  const at = fromField ? -1 : rows.indexOf(target);
  const next = (() => {
    switch (e.key) {
      case "ArrowDown":
        return rows[Math.min(at + 1, rows.length - 1)];
      case "ArrowUp":
        return fromField ? null : at === 0 ? field : rows[at - 1];
      case "Home":
        return fromField ? null : rows[0];
      case "End":
        return fromField ? null : rows.at(-1);
      default:
        return null;
    }
  })();
  if (!next) return;
  e.preventDefault();
  next.focus();
}

/** moveInList for every key press inside the list (a listener: the list itself is no control). */
export function useListKeys(list: RefObject<HTMLElement | null>, field: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const onKey = (e: KeyboardEvent) => moveInList(e, element, field.current);
    element.addEventListener("keydown", onKey);
    return () => element.removeEventListener("keydown", onKey);
  }, [list, field]);
}
