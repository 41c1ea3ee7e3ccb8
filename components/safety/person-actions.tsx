"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog.tsx";
import { BlockIcon, FlagIcon } from "@/components/icons.tsx";
import { ApiError } from "@/lib/client/api.ts";
import { useBlocks, useSetBlocked } from "@/lib/client/safety.ts";
import type { UserSummary } from "@/lib/client/types.ts";
import { ReportDialog, type ReportSubject } from "./report-dialog.tsx";

type Props = {
  person: UserSummary;
  /** "buttons" under a dialog's profile; "links" in a member row, beside the chat role actions. */
  variant: "buttons" | "links";
  onError(message: string | null): void;
};

/** Report a person, and block or unblock them: on a profile and in a group's member list. */
export function PersonActions({ person, variant, onError }: Props) {
  const blocks = useBlocks();
  const setBlocked = useSetBlocked();
  const [reporting, setReporting] = useState<ReportSubject | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = person.display_name || person.username;
  const blocked = blocks.data?.some((b) => b.user.id === person.id) ?? false;

  async function change(next: boolean) {
    onError(null);
    setBusy(true);
    try {
      await setBlocked(person.id, next);
    } catch (e) {
      onError(e instanceof ApiError ? e.body.message : "Something went wrong.");
    } finally {
      setBusy(false);
    }
  }

  const report = () => setReporting({ target: { user_id: person.id }, title: `Report ${name}` });
  const toggle = () => (blocked ? void change(false) : setAsking(true));
  const blockLabel = blocked ? "Unblock" : "Block";

  return (
    <>
      {variant === "buttons" ? (
        <div className="flex flex-wrap justify-center gap-2" data-testid="person-actions">
          <button
            type="button"
            className="btn-secondary"
            onClick={toggle}
            disabled={busy || blocks.isPending}
            data-testid="person-block"
            data-blocked={blocked}
          >
            <BlockIcon className="h-4 w-4" />
            {blockLabel}
          </button>
          <button type="button" className="btn-danger-outline" onClick={report} data-testid="person-report">
            <FlagIcon className="h-4 w-4" />
            Report
          </button>
        </div>
      ) : (
        <>
          <button
            type="button"
            className="text-xs text-slate-600 hover:underline dark:text-slate-300"
            onClick={toggle}
            disabled={busy || blocks.isPending}
            aria-label={`${blockLabel} ${name}`}
            data-testid="member-block"
            data-blocked={blocked}
          >
            {blockLabel}
          </button>
          <button
            type="button"
            className="text-xs text-slate-600 hover:underline dark:text-slate-300"
            onClick={report}
            aria-label={`Report ${name}`}
            data-testid="member-report"
          >
            Report
          </button>
        </>
      )}
      <ConfirmDialog
        open={asking}
        title={`Block ${name}`}
        body={`Their messages and chat requests will stop reaching you. ${name} is not told, and you can unblock them in Settings.`}
        confirmLabel="Block"
        onConfirm={() => void change(true)}
        onClose={() => setAsking(false)}
      />
      <ReportDialog subject={reporting} onClose={() => setReporting(null)} />
    </>
  );
}
