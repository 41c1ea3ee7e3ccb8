"use client";

import { Modal } from "@/components/modal.tsx";

type Props = {
  /** How many messages, or 0 when closed. */
  count: number;
  /** Whether the caller may delete them for everyone (their own, or a group admin). */
  forEveryone: boolean;
  onDelete(scope: "me" | "everyone"): void;
  onClose(): void;
};

/** Telegram's choice: gone for me only, or (where allowed) a tombstone for everyone. */
export function DeleteMessagesDialog({ count, forEveryone, onDelete, onClose }: Props) {
  const what = count > 1 ? `${count} messages` : "this message";
  return (
    <Modal
      title={count > 1 ? `Delete ${count} messages` : "Delete message"}
      open={count > 0}
      onClose={onClose}
      testId="delete-dialog"
    >
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {forEveryone
          ? `Delete ${what} for everyone in the chat, or only for you? Deleting for everyone cannot be undone.`
          : `Delete ${what} for you? The others in the chat still see ${count > 1 ? "them" : "it"}.`}
      </p>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <button type="button" onClick={onClose} className="btn-secondary">
          Cancel
        </button>
        <button
          type="button"
          data-testid="delete-for-me"
          // biome-ignore lint/a11y/noAutofocus: the dialog's least destructive action takes focus.
          autoFocus
          onClick={() => {
            onDelete("me");
            onClose();
          }}
          className={forEveryone ? "btn-secondary" : "btn-danger"}
        >
          Delete for me
        </button>
        {forEveryone ? (
          <button
            type="button"
            data-testid="delete-for-everyone"
            onClick={() => {
              onDelete("everyone");
              onClose();
            }}
            className="btn-danger"
          >
            Delete for everyone
          </button>
        ) : null}
      </div>
    </Modal>
  );
}
