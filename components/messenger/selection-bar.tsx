"use client";

import { CloseIcon, ForwardIcon, TrashIcon } from "@/components/icons.tsx";

type Props = { count: number; onForward(): void; onDelete(): void; onCancel(): void };

/** In place of the composer while messages are being selected. */
export function SelectionBar({ count, onForward, onDelete, onCancel }: Props) {
  return (
    <div
      data-testid="selection-bar"
      className="flex items-center gap-2 border-t border-slate-200 bg-white px-3 py-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] dark:border-slate-800 dark:bg-slate-900"
    >
      <button
        type="button"
        className="icon-btn"
        aria-label="Cancel selection"
        data-testid="selection-cancel"
        onClick={onCancel}
      >
        <CloseIcon />
      </button>
      <span className="flex-1 text-sm font-medium" data-testid="selection-count" aria-live="polite">
        {count} selected
      </span>
      <button
        type="button"
        data-testid="selection-delete"
        disabled={!count}
        onClick={onDelete}
        className="btn-secondary gap-1.5 text-red-600 disabled:opacity-50 dark:text-red-400"
      >
        <TrashIcon className="h-4 w-4" />
        Delete
      </button>
      <button
        type="button"
        data-testid="selection-forward"
        disabled={!count}
        onClick={onForward}
        className="btn-primary gap-1.5 disabled:opacity-50"
      >
        <ForwardIcon className="h-4 w-4" />
        Forward
      </button>
    </div>
  );
}
