"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Modal } from "@/components/modal.tsx";
import { acknowledgeWarning, useWarnings, warningsKey } from "@/lib/client/safety.ts";
import type { Warning } from "@/lib/client/safety-types.ts";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * A moderator's warning, shown until the person dismisses it (which acknowledges it, so it does not
 * come back on their other devices). Several wait their turn, oldest first.
 */
export function WarningNotice() {
  const qc = useQueryClient();
  const warnings = useWarnings();
  const pending = (warnings.data ?? []).filter((w) => !w.acknowledged_at);
  const shown = pending[pending.length - 1];

  async function dismiss(warning: Warning) {
    // Hidden at once; if the server did not take the acknowledgement, the reload brings it back.
    qc.setQueryData<Warning[]>(warningsKey, (list) => list?.filter((w) => w.id !== warning.id));
    try {
      await acknowledgeWarning(warning.id);
    } catch {
      void qc.invalidateQueries({ queryKey: warningsKey });
    }
  }

  return (
    <Modal
      title="A moderator has warned you"
      open={shown !== undefined}
      onClose={() => shown && void dismiss(shown)}
      testId="warning-notice"
    >
      {shown ? (
        <div>
          <p
            className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm whitespace-pre-wrap text-amber-900 [overflow-wrap:anywhere] dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
            data-testid="warning-reason"
          >
            {shown.reason}
          </p>
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
            <time dateTime={shown.created_at}>{dateTime.format(new Date(shown.created_at))}</time>
            {pending.length > 1 ? ` · ${pending.length - 1} more after this one` : null}
          </p>
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">
            Please keep to the community's rules. Repeated violations can get the account banned.
          </p>
          <div className="mt-5 flex justify-end">
            <button
              type="button"
              className="btn-primary"
              data-testid="warning-ack"
              // biome-ignore lint/a11y/noAutofocus: the dialog's only action.
              autoFocus
              onClick={() => void dismiss(shown)}
            >
              I understand
            </button>
          </div>
        </div>
      ) : null}
    </Modal>
  );
}
