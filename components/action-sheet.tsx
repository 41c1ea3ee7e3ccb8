"use client";

import type { ReactNode } from "react";
import { useModalDialog } from "@/components/use-modal-dialog.ts";

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
  const dialog = useModalDialog(open, onClose, { focusSelf: true });

  return (
    <dialog
      {...dialog}
      tabIndex={-1}
      aria-label={label}
      data-testid={testId}
      className="m-0 mt-auto max-h-[100dvh] w-full max-w-none overflow-y-auto rounded-t-2xl border-0 bg-white p-0 text-slate-900 shadow-2xl outline-none backdrop:bg-slate-950/40 sm:m-auto sm:w-80 sm:rounded-2xl dark:bg-slate-900 dark:text-slate-100 dark:ring-1 dark:ring-slate-700"
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
