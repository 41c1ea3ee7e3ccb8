"use client";

import { type FormEvent, useState } from "react";
import { deleteAccount } from "@/lib/client/account.ts";
import { FormAlert } from "../form-alert.tsx";
import { Modal } from "../modal.tsx";
import { TextField } from "../text-field.tsx";

export function DeleteAccount() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await deleteAccount(String(new FormData(event.currentTarget).get("password") ?? ""));
      // Every session has ended, this one too: a full load lands on the sign-in page.
      window.location.assign("/signin");
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="btn-danger"
        data-testid="delete-account-open"
        onClick={() => setOpen(true)}
      >
        Delete my account
      </button>
      <Modal
        title="Delete your account?"
        open={open}
        onClose={() => setOpen(false)}
        testId="delete-account-dialog"
      >
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Your profile is removed and you leave every group. Messages you sent stay in other people&apos;s
            chats, shown as from “Deleted account”. This cannot be undone.
          </p>
          {error ? <FormAlert>{error}</FormAlert> : null}
          <TextField
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            autoFocus
            data-testid="delete-account-password"
          />
          <div className="flex justify-end gap-2">
            <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" disabled={busy} className="btn-danger" data-testid="delete-account-confirm">
              {busy ? "Deleting…" : "Delete for good"}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}
