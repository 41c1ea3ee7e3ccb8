"use client";

import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/form-alert.tsx";
import { Modal } from "@/components/modal.tsx";
import { ApiError } from "@/lib/client/api.ts";

const REASON_MAX = 500;

/** An admin action waiting for its reason: what it says, and what to run with the reason typed. */
export type PendingAction = {
  title: string;
  body: string;
  confirmLabel: string;
  /** Destructive actions (ban, remove) get the red button. */
  danger?: boolean;
  /** A warning's reason is what the person reads, a ban's goes in the audit log: both need one. */
  reasonRequired: boolean;
  reasonLabel?: string;
  /** Offers "also remove every message of theirs" (a ban). */
  offerDeleteMessages?: boolean;
  run(input: { reason: string; deleteMessages: boolean }): Promise<unknown>;
};

type Props = { action: PendingAction | null; onClose(): void; onDone?(): void };

/** The one confirmation of the admin console: the action, a reason, and for a ban the messages too. */
export function ReasonDialog({ action, onClose, onDone }: Props) {
  return (
    <Modal title={action?.title ?? ""} open={action !== null} onClose={onClose} testId="reason-dialog">
      {action ? <ReasonForm key={action.title} action={action} onClose={onClose} onDone={onDone} /> : null}
    </Modal>
  );
}

function ReasonForm({
  action,
  onClose,
  onDone,
}: {
  action: PendingAction;
  onClose(): void;
  onDone?(): void;
}) {
  const [reason, setReason] = useState("");
  const [deleteMessages, setDeleteMessages] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const missing = action.reasonRequired && !reason.trim();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (missing) return;
    setBusy(true);
    setError(null);
    try {
      await action.run({ reason: reason.trim(), deleteMessages });
      onClose();
      onDone?.();
    } catch (e) {
      setError(e instanceof ApiError ? e.body.message : "Something went wrong. Try again.");
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <p className="text-sm text-slate-600 dark:text-slate-300">{action.body}</p>
      {error ? (
        <div className="mt-3">
          <FormAlert>{error}</FormAlert>
        </div>
      ) : null}
      <label className="mt-4 block">
        <span className="text-sm font-medium">
          {action.reasonLabel ?? "Reason"}
          {action.reasonRequired ? null : (
            <span className="font-normal text-slate-500 dark:text-slate-400"> (optional)</span>
          )}
        </span>
        <textarea
          className="input mt-1 min-h-20 resize-y text-sm"
          maxLength={REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="reason-input"
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to take this one answer.
          autoFocus
        />
      </label>
      {action.offerDeleteMessages ? (
        <label className="mt-3 flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 h-4 w-4 accent-red-600"
            checked={deleteMessages}
            onChange={(e) => setDeleteMessages(e.target.checked)}
            data-testid="reason-delete-messages"
          />
          <span>Also remove every message they sent (shown as removed by moderation)</span>
        </label>
      ) : null}
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onClose}>
          Cancel
        </button>
        <button
          type="submit"
          className={action.danger ? "btn-danger" : "btn-primary"}
          disabled={missing || busy}
          data-testid="reason-confirm"
        >
          {busy ? "Working…" : action.confirmLabel}
        </button>
      </div>
    </form>
  );
}
