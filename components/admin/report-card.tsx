"use client";

import { resolveReport } from "@/lib/client/admin.ts";
import { actionLabel, formatDateTime } from "@/lib/client/admin-format.ts";
import type { AdminReport, ReportAction } from "@/lib/client/admin-types.ts";
import { reasonLabel } from "@/lib/client/report-reasons.ts";
import { Badge, StatusBadge } from "./badges.tsx";
import { MessageContext } from "./message-context.tsx";
import { PersonChip } from "./person-chip.tsx";
import type { PendingAction } from "./reason-dialog.tsx";
import { VerdictView } from "./verdict-view.tsx";

type Props = {
  report: AdminReport;
  /** Asks for the reason (ReasonDialog), then runs the action. */
  onAction(action: PendingAction): void;
  onOpenPerson(id: number): void;
};

/** One report: what was reported in its context, who reported it and why, the agent's verdict, the actions. */
export function ReportCard({ report, onAction, onOpenPerson }: Props) {
  const target = report.target_user;
  const targetName = target.display_name || target.username;
  const closed = report.status === "dismissed" || report.status === "resolved";

  function ask(action: ReportAction) {
    const resolve = ({ reason, deleteMessages }: { reason: string; deleteMessages: boolean }) =>
      resolveReport(report.id, {
        action,
        ...(reason ? { reason } : {}),
        ...(action === "ban_user" ? { delete_messages: deleteMessages } : {}),
      });
    const texts: Record<ReportAction, Omit<PendingAction, "run">> = {
      dismiss: {
        title: "Dismiss the report",
        body:
          report.message?.moderated_at && report.target_type === "message"
            ? "No violation: the message the agent removed is restored for everyone in the chat."
            : "No violation: the report is closed and nothing happens to anyone.",
        confirmLabel: "Dismiss",
        reasonRequired: false,
      },
      remove_message: {
        title: "Remove the message",
        body: "Everyone in the chat sees “Message removed by moderation” instead. Admins can still read it here.",
        confirmLabel: "Remove message",
        danger: true,
        reasonRequired: false,
      },
      warn_user: {
        title: `Warn ${targetName}`,
        body: `${targetName} sees this warning in the app at once, on every device.`,
        confirmLabel: "Send warning",
        reasonRequired: true,
        reasonLabel: "What they will read",
      },
      ban_user: {
        title: `Ban ${targetName}`,
        body: `${targetName} is signed out everywhere at once and cannot sign in until unbanned.`,
        confirmLabel: "Ban",
        danger: true,
        reasonRequired: true,
        offerDeleteMessages: true,
      },
    };
    onAction({ ...texts[action], run: resolve });
  }

  return (
    <article
      data-testid="admin-report"
      data-report-id={report.id}
      data-status={report.status}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold" data-testid="report-reason">
          {reasonLabel(report.reason)}
        </h3>
        <StatusBadge status={report.status} />
        <Badge>{report.target_type === "message" ? "Message" : "Person"}</Badge>
        <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
          #{report.id} · <time dateTime={report.created_at}>{formatDateTime(report.created_at)}</time>
        </span>
      </header>

      <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-3">
        <div className="min-w-0">
          <dt className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">Reported</dt>
          <dd className="mt-1" data-testid="report-target">
            <PersonChip
              person={target}
              onOpen={onOpenPerson}
              extra={
                <>
                  {target.role === "admin" ? <Badge tone="indigo">admin</Badge> : null}
                  {target.banned_at ? <Badge tone="red">banned</Badge> : null}
                </>
              }
            />
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">By</dt>
          <dd className="mt-1" data-testid="report-reporter">
            <PersonChip person={report.reporter} onOpen={onOpenPerson} />
          </dd>
        </div>
        {report.chat ? (
          <div className="min-w-0">
            <dt className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">In</dt>
            {/* A dialog has no title of its own: it is named by the two people in it. */}
            <dd className="mt-1 truncate">
              {report.chat.type === "dialog" ? (
                "A dialog"
              ) : (
                <>
                  {report.chat.title} <span className="text-slate-500 dark:text-slate-400">(group)</span>
                </>
              )}
            </dd>
          </div>
        ) : null}
      </dl>

      {report.comment ? (
        <blockquote
          className="mt-3 border-l-4 border-slate-300 pl-3 text-sm whitespace-pre-wrap text-slate-700 [overflow-wrap:anywhere] dark:border-slate-600 dark:text-slate-300"
          data-testid="report-comment"
        >
          {report.comment}
        </blockquote>
      ) : null}

      {report.message ? (
        <div className="mt-3">
          <MessageContext context={report.context ?? []} message={report.message} />
        </div>
      ) : null}

      <div className="mt-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
        <VerdictView verdict={report.verdict} />
      </div>

      {report.resolution ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-300" data-testid="report-resolution">
          <span className="font-medium">{actionLabel(report.resolution.action)}</span>
          {report.resolution.resolved_by
            ? ` by ${report.resolution.resolved_by.display_name || report.resolution.resolved_by.username}`
            : " automatically"}
          {" · "}
          {formatDateTime(report.resolution.resolved_at)}
          {report.resolution.reason ? ` — ${report.resolution.reason}` : null}
        </p>
      ) : null}

      {closed ? null : (
        <div className="mt-4 flex flex-wrap gap-2" data-testid="report-actions">
          <button
            type="button"
            className="btn-secondary"
            onClick={() => ask("dismiss")}
            data-testid="report-dismiss"
          >
            Dismiss
          </button>
          {report.message ? (
            <button
              type="button"
              className="btn-danger-outline"
              onClick={() => ask("remove_message")}
              data-testid="report-remove"
            >
              {report.message.moderated_at ? "Keep removed" : "Remove message"}
            </button>
          ) : null}
          <button
            type="button"
            className="btn-secondary"
            onClick={() => ask("warn_user")}
            data-testid="report-warn"
          >
            Warn
          </button>
          <button
            type="button"
            className="btn-danger"
            onClick={() => ask("ban_user")}
            disabled={target.role === "admin" || Boolean(target.banned_at)}
            title={target.role === "admin" ? "Admins cannot be banned; revoke admin first." : undefined}
            data-testid="report-ban"
          >
            Ban
          </button>
        </div>
      )}
    </article>
  );
}
