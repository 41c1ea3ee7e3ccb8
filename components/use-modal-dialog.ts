"use client";

import { type KeyboardEvent, type MouseEvent, type PointerEvent, useEffect, useRef } from "react";

/**
 * A native modal <dialog> that follows `open`: focus moves in and back, the page behind is inert,
 * Escape and a click on the backdrop close it. Only a press that began on the backdrop counts, so the
 * click that ends a long press (or a drag out of the dialog) does not. Spread the result on <dialog>.
 */
export function useModalDialog(open: boolean, onClose: () => void, { focusSelf = false } = {}) {
  const ref = useRef<HTMLDialogElement>(null);
  const downOutside = useRef(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // A sheet of actions takes the focus itself (Tab reaches them), not its first action, which
      // would look chosen already.
      if (focusSelf) dialog.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, focusSelf]);

  return {
    ref,
    onClose,
    onPointerDown(e: PointerEvent<HTMLDialogElement>) {
      downOutside.current = e.target === ref.current;
    },
    onClick(e: MouseEvent<HTMLDialogElement>) {
      if (e.target === ref.current && downOutside.current) onClose();
      downOutside.current = false;
    },
    onKeyDown(e: KeyboardEvent<HTMLDialogElement>) {
      if (e.key === "Escape") onClose();
    },
  };
}
