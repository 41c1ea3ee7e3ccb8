"use client";

import type { ReactNode } from "react";
import { useModalDialog } from "@/components/use-modal-dialog.ts";

type Props = { title: string; open: boolean; onClose(): void; children: ReactNode; testId?: string };

/** A native <dialog>: focus moves in and back, Escape closes, the page behind is inert. */
export function Modal({ title, open, onClose, children, testId }: Props) {
  const dialog = useModalDialog(open, onClose);
  return (
    <dialog
      {...dialog}
      aria-label={title}
      data-testid={testId}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      {open ? (
        <div className="p-5">
          <h2 className="text-lg font-semibold">{title}</h2>
          <div className="mt-4">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}
