"use client";

import { type ReactNode, useEffect, useRef } from "react";

/**
 * Actions as a sheet from the bottom of a phone screen, a small dialog on a wide one. A native modal
 * <dialog>: focus moves in and back, Escape and a tap outside close it; the click that ends the long
 * press which opened it does not.
 */
export function ActionSheet({
  open,
  label,
  testId,
  onClose,
  children,
}: {
  open: boolean;
  label: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const downOutside = useRef(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // The sheet itself takes focus (Tab reaches the actions), not its first action, which would
      // look chosen already.
      dialog.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      tabIndex={-1}
      aria-label={label}
      data-testid={testId}
      onClose={onClose}
      onPointerDown={(e) => {
        downOutside.current = e.target === ref.current;
      }}
      onClick={(e) => {
        if (e.target === ref.current && downOutside.current) onClose();
        downOutside.current = false;
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
      className="m-0 mt-auto w-full max-w-none rounded-t-2xl border-0 bg-white p-0 text-slate-900 shadow-2xl outline-none backdrop:bg-slate-950/40 sm:m-auto sm:w-80 sm:rounded-2xl dark:bg-slate-900 dark:text-slate-100 dark:ring-1 dark:ring-slate-700"
    >
      {open ? (
        <div className="p-2 pb-[max(0.5rem,env(safe-area-inset-bottom))]">
          {children}
          <button
            type="button"
            onClick={onClose}
            className="mt-1 block w-full rounded-xl px-4 py-3 text-center text-base font-medium text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
        </div>
      ) : null}
    </dialog>
  );
}

export function SheetItem({
  label,
  testId,
  danger = false,
  onClick,
  children,
}: {
  label: string;
  testId: string;
  danger?: boolean;
  onClick(): void;
  children?: ReactNode;
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={onClick}
      className={`flex w-full items-center gap-3 rounded-xl px-4 py-3 text-left text-base hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-800 ${
        danger ? "text-red-600 dark:text-red-400" : ""
      }`}
    >
      {children}
      {label}
    </button>
  );
}
