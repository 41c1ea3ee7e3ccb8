import { type MouseEvent, type PointerEvent, type TouchEvent, useEffect, useRef } from "react";

const HOLD_MS = 500;
const MOVE_TOLERANCE_PX = 10;
const TOUCH_CONTEXTMENU_MS = 2_000;

/**
 * A finger held still on an element for half a second. Mouse input is ignored (desktop has hover
 * actions and a right click keeps the browser's own menu). Android also reports a long press as a
 * contextmenu event; that one opens the same menu instead of the browser's. The click that ends a
 * long press is swallowed, so a held quote or picture does not also jump or open.
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const start = useRef<{ x: number; y: number } | null>(null);
  const fired = useRef(false);
  /** When a finger last touched down: a contextmenu soon after comes from that touch, not a mouse. */
  const touchedAt = useRef(0);
  const callback = useRef(onLongPress);
  callback.current = onLongPress;

  useEffect(() => () => clearTimeout(timer.current), []);

  function cancel() {
    clearTimeout(timer.current);
    start.current = null;
  }

  function fire() {
    cancel();
    fired.current = true;
    callback.current();
  }

  return {
    onPointerDown(e: PointerEvent) {
      if (e.pointerType === "mouse" || !e.isPrimary) return;
      fired.current = false;
      touchedAt.current = Date.now();
      start.current = { x: e.clientX, y: e.clientY };
      clearTimeout(timer.current);
      timer.current = setTimeout(fire, HOLD_MS);
    },
    onPointerMove(e: PointerEvent) {
      const from = start.current;
      if (from && Math.hypot(e.clientX - from.x, e.clientY - from.y) > MOVE_TOLERANCE_PX) cancel();
    },
    onPointerUp: cancel,
    onTouchEnd(e: TouchEvent) {
      // No click (and no text selection) at the end of a press that opened the menu.
      if (fired.current && e.cancelable) e.preventDefault();
    },
    onPointerCancel: cancel,
    onContextMenu(e: MouseEvent) {
      // A mouse right click keeps the browser's menu.
      if (Date.now() - touchedAt.current > TOUCH_CONTEXTMENU_MS) return;
      e.preventDefault();
      if (!fired.current) fire();
    },
    onClickCapture(e: MouseEvent) {
      if (!fired.current) return;
      fired.current = false;
      e.preventDefault();
      e.stopPropagation();
    },
  };
}
