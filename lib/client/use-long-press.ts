import { type MouseEvent, type PointerEvent, useEffect, useRef } from "react";

const HOLD_MS = 500;
const MOVE_TOLERANCE_PX = 10;

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
      start.current = { x: e.clientX, y: e.clientY };
      clearTimeout(timer.current);
      timer.current = setTimeout(fire, HOLD_MS);
    },
    onPointerMove(e: PointerEvent) {
      const from = start.current;
      if (from && Math.hypot(e.clientX - from.x, e.clientY - from.y) > MOVE_TOLERANCE_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onContextMenu(e: MouseEvent) {
      if (!start.current && !fired.current) return; // a mouse right click: the browser's menu
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
