"use client";

import { Modal } from "./modal.tsx";

type Props = {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm(): void;
  onClose(): void;
};

/** The one way stu asks "are you sure?": a modal with Cancel and the action (Escape cancels). */
export function ConfirmDialog({ open, title, body, confirmLabel, onConfirm, onClose }: Props) {
  return (
    <Modal title={title} open={open} onClose={onClose} testId="confirm-dialog">
      <p className="text-sm text-slate-600 dark:text-slate-300">{body}</p>
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" onClick={onClose} className="btn-secondary">
          Cancel
        </button>
        <button
          type="button"
          data-testid="confirm-ok"
          // biome-ignore lint/a11y/noAutofocus: the dialog's main action should have focus for keyboard users.
          autoFocus
          onClick={() => {
            onConfirm();
            onClose();
          }}
          className="btn-danger"
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
