"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { FormAlert } from "@/components/form-alert.tsx";
import { BackIcon } from "@/components/icons.tsx";
import { adminAction, adminKey, useAdminUser } from "@/lib/client/admin.ts";
import { actionLabel, formatDateTime } from "@/lib/client/admin-format.ts";
import type { AdminAction, AdminUserDetail } from "@/lib/client/admin-types.ts";
import { relativeTime } from "@/lib/client/relative-time.ts";
import { reasonLabel } from "@/lib/client/report-reasons.ts";
import { Badge, StatusBadge, VerdictBadge } from "./badges.tsx";
import { type PendingAction, ReasonDialog } from "./reason-dialog.tsx";

type Props = { id: number; meId: number; onBack(): void };

/** One person's record: who they are, what was done to them and about them, and the actions. */
export function PersonDetail({ id, meId, onBack }: Props) {
  const qc = useQueryClient();
  const person = useAdminUser(id);
  const [action, setAction] = useState<PendingAction | null>(null);

  const back = (
    <button type="button" onClick={onBack} className="btn-secondary lg:hidden" data-testid="people-back">
      <BackIcon className="h-4 w-4" />
      People
    </button>
  );
  if (person.isPending) {
    return (
      <div className="space-y-3">
        {back}
        <p className="text-sm text-slate-500" role="status">
          Loading…
        </p>
      </div>
    );
  }
  if (person.isError) {
    return (
      <div className="space-y-3">
        {back}
        <FormAlert>Could not load this person. {person.error.message}</FormAlert>
      </div>
    );
  }
  const user = person.data;
  const name = user.display_name || user.username;
  const isMe = user.id === meId;

  function ask(kind: AdminAction) {
    const texts: Partial<Record<AdminAction, Omit<PendingAction, "run">>> = {
      warn_user: {
        title: `Warn ${name}`,
        body: `${name} sees this warning in the app at once, on every device.`,
        confirmLabel: "Send warning",
        reasonRequired: true,
        reasonLabel: "What they will read",
      },
      ban_user: {
        title: `Ban ${name}`,
        body: `${name} is signed out everywhere at once and cannot sign in until unbanned.`,
        confirmLabel: "Ban",
        danger: true,
        reasonRequired: true,
        offerDeleteMessages: true,
      },
      unban_user: {
        title: `Unban ${name}`,
        body: `${name} can sign in again. Messages removed with the ban stay removed.`,
        confirmLabel: "Unban",
        reasonRequired: true,
      },
      grant_admin: {
        title: `Make ${name} an admin`,
        body: `${name} gets this console: reports, bans, everyone's e-mail addresses and the audit log.`,
        confirmLabel: "Make admin",
        reasonRequired: true,
      },
      revoke_admin: {
        title: `Revoke ${name}'s admin role`,
        body: `${name} loses the admin console.`,
        confirmLabel: "Revoke admin",
        danger: true,
        reasonRequired: true,
      },
    };
    const text = texts[kind];
    if (!text) return;
    setAction({
      ...text,
      run: ({ reason, deleteMessages }) =>
        adminAction({
          action: kind,
          user_id: user.id,
          reason,
          ...(kind === "ban_user" ? { delete_messages: deleteMessages } : {}),
        }),
    });
  }

  return (
    <div className="space-y-4" data-testid="person-detail" data-username={user.username}>
      {back}
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900">
        <div className="flex items-start gap-4">
          <Avatar name={name} seed={user.id} url={user.avatar_url} size="md" online={user.online} />
          <div className="min-w-0">
            <h2 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
              <span className="truncate">{name}</span>
              {user.role === "admin" ? <Badge tone="indigo">admin</Badge> : null}
              {user.banned_at ? (
                <Badge tone="red" testId="person-detail-banned">
                  banned
                </Badge>
              ) : null}
            </h2>
            <p className="truncate text-sm text-slate-500 dark:text-slate-400">@{user.username}</p>
            <p className="text-sm break-all text-slate-500 dark:text-slate-400" data-testid="person-email">
              {user.email}
            </p>
          </div>
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <Fact label="Joined">{formatDateTime(user.created_at)}</Fact>
          <Fact label="Last seen">
            {user.online ? "online now" : user.last_seen_at ? relativeTime(user.last_seen_at) : "never"}
          </Fact>
          <Fact label="Warnings">{user.warnings_count}</Fact>
          <Fact label="Open reports">{user.open_reports_count}</Fact>
          {user.banned_at ? <Fact label="Banned">{formatDateTime(user.banned_at)}</Fact> : null}
        </dl>
        {isMe ? null : (
          <div className="mt-4 flex flex-wrap gap-2" data-testid="person-detail-actions">
            <button
              type="button"
              className="btn-secondary"
              onClick={() => ask("warn_user")}
              data-testid="person-warn"
            >
              Warn
            </button>
            {user.banned_at ? (
              <button
                type="button"
                className="btn-secondary"
                onClick={() => ask("unban_user")}
                data-testid="person-unban"
              >
                Unban
              </button>
            ) : (
              <button
                type="button"
                className="btn-danger"
                onClick={() => ask("ban_user")}
                disabled={user.role === "admin"}
                title={user.role === "admin" ? "Admins cannot be banned; revoke admin first." : undefined}
                data-testid="person-ban"
              >
                Ban
              </button>
            )}
            {user.role === "admin" ? (
              <button
                type="button"
                className="btn-danger-outline"
                onClick={() => ask("revoke_admin")}
                data-testid="person-revoke-admin"
              >
                Revoke admin
              </button>
            ) : (
              <button
                type="button"
                className="btn-secondary"
                onClick={() => ask("grant_admin")}
                disabled={Boolean(user.banned_at)}
                data-testid="person-grant-admin"
              >
                Make admin
              </button>
            )}
          </div>
        )}
      </div>
      <Record user={user} />
      <ReasonDialog
        action={action}
        onClose={() => setAction(null)}
        onDone={() => void qc.invalidateQueries({ queryKey: adminKey })}
      />
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

function Section({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900">
      <h3 className="font-semibold">{title}</h3>
      {empty ? <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">None.</p> : children}
    </section>
  );
}

function Record({ user }: { user: AdminUserDetail }) {
  return (
    <>
      <Section title="Warnings" empty={!user.warnings.length}>
        <ul className="mt-2 space-y-2" data-testid="person-warnings">
          {user.warnings.map((w) => (
            <li key={w.id} className="text-sm">
              <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{w.reason}</p>
              <p className="text-xs text-slate-500 dark:text-slate-400">
                {formatDateTime(w.created_at)} ·{" "}
                {w.acknowledged_at ? `read ${relativeTime(w.acknowledged_at)}` : "not read yet"}
              </p>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Reports about them" empty={!user.reports_against.length}>
        <ul className="mt-2 divide-y divide-slate-200 dark:divide-slate-800" data-testid="person-reports">
          {user.reports_against.map((r) => (
            <li key={r.id} className="py-2 text-sm first:pt-0 last:pb-0">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{reasonLabel(r.reason)}</span>
                <StatusBadge status={r.status} />
                {r.verdict ? <VerdictBadge verdict={r.verdict.verdict} /> : null}
                <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
                  {formatDateTime(r.created_at)}
                </span>
              </p>
              {r.message?.text ? (
                <p className="mt-1 line-clamp-2 text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
                  “{r.message.text}”
                </p>
              ) : null}
              {r.comment ? (
                <p className="mt-0.5 line-clamp-2 text-xs text-slate-500 [overflow-wrap:anywhere] dark:text-slate-400">
                  {r.reporter.display_name || r.reporter.username}: {r.comment}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Recent actions" empty={!user.recent_actions.length}>
        <ul className="mt-2 space-y-1.5 text-sm" data-testid="person-actions-log">
          {user.recent_actions.map((a) => (
            <li key={a.id} className="[overflow-wrap:anywhere]">
              <span className="font-medium">{actionLabel(a.action)}</span>
              {a.actor
                ? ` by ${a.actor.display_name || a.actor.username}`
                : a.actor_kind === "agent"
                  ? " by the agent"
                  : ""}
              {a.reason ? ` — ${a.reason}` : null}
              <span className="block text-xs text-slate-500 dark:text-slate-400">{formatDateTime(a.at)}</span>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
