"use client";

import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/form-alert.tsx";
import { Modal } from "@/components/modal.tsx";
import { ApiError } from "@/lib/client/api.ts";
import { REASON_TEXT } from "@/lib/client/report-reasons.ts";
import { sendReport } from "@/lib/client/safety.ts";
import { REPORT_REASONS, type ReportReason, type ReportTarget } from "@/lib/client/safety-types.ts";

const COMMENT_MAX = 1000;

/** What the dialog reports: a message (with a line of it to recognise it) or a person. */
export type ReportSubject = { target: ReportTarget; title: string; excerpt?: string };

type Props = { subject: ReportSubject | null; onClose(): void };

/** Report a message or a person: a reason, an optional comment, then a thank-you. */
export function ReportDialog({ subject, onClose }: Props) {
  return (
    <Modal
      title={subject?.title ?? "Report"}
      open={subject !== null}
      onClose={onClose}
      testId="report-dialog"
    >
      {subject ? (
        <ReportForm key={JSON.stringify(subject.target)} subject={subject} onClose={onClose} />
      ) : null}
    </Modal>
  );
}

function ReportForm({ subject, onClose }: { subject: ReportSubject; onClose(): void }) {
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!reason) return;
    setBusy(true);
    setError(null);
    try {
      await sendReport(subject.target, reason, comment);
      setSent(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.body.message : "Could not send the report. Try again.");
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <div data-testid="report-sent" role="status">
        <p className="font-medium">Thanks — our moderators will review it.</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          The person is not told who reported them. You can also block them from their profile.
        </p>
        <div className="mt-5 flex justify-end">
          {/* biome-ignore lint/a11y/noAutofocus: the only action left; keyboard users continue from here. */}
          <button type="button" className="btn-primary" autoFocus onClick={onClose} data-testid="report-done">
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {subject.excerpt ? (
        // The padding is outside the clamped text: a clamp with its own padding shows a third line's top.
        <div className="mb-3 rounded-lg bg-slate-100 px-3 py-2 dark:bg-slate-800">
          <p className="line-clamp-2 text-sm text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
            {subject.excerpt}
          </p>
        </div>
      ) : null}
      {error ? (
        <div className="mb-3">
          <FormAlert>{error}</FormAlert>
        </div>
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium">What is wrong?</legend>
        <div className="mt-2 space-y-0.5">
          {REPORT_REASONS.map((value) => (
            <label
              key={value}
              className="flex cursor-pointer items-start gap-3 rounded-lg border border-transparent px-3 py-1.5 hover:bg-slate-50 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500 dark:hover:bg-slate-800 dark:has-[:checked]:border-indigo-400 dark:has-[:checked]:bg-indigo-950/60"
            >
              <input
                type="radio"
                name="reason"
                value={value}
                checked={reason === value}
                onChange={() => setReason(value)}
                data-testid={`report-reason-${value}`}
                className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600 focus:outline-none"
              />
              <span className="min-w-0">
                <span className="block text-sm font-medium">{REASON_TEXT[value].label}</span>
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  {REASON_TEXT[value].description}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="mt-4 block">
        <span className="text-sm font-medium">
          Comment <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
        </span>
        <textarea
          className="input mt-1 min-h-16 resize-y text-sm"
          rows={2}
          maxLength={COMMENT_MAX}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="Anything that helps the moderators understand"
          data-testid="report-comment"
        />
        <span className="mt-1 block text-right text-xs text-slate-500 dark:text-slate-400">
          {comment.length}/{COMMENT_MAX}
        </span>
      </label>
      {/* Stays in view while the reasons scroll on a small screen. */}
      <div className="sticky bottom-0 -mx-5 -mb-5 mt-1 flex justify-end gap-2 border-t border-slate-200 bg-white px-5 py-3 dark:border-slate-800 dark:bg-slate-900">
        <button type="button" className="btn-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn-danger" disabled={!reason || busy} data-testid="report-submit">
          {busy ? "Sending…" : "Report"}
        </button>
      </div>
    </form>
  );
}
