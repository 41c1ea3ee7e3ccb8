"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert.tsx";
import { ShieldIcon } from "@/components/icons.tsx";
import { useAuditLog, verifyAudit } from "@/lib/client/admin.ts";
import { actionLabel, formatCount, formatDateTime } from "@/lib/client/admin-format.ts";
import type { AuditEntry } from "@/lib/client/admin-types.ts";
import { Badge, VerdictBadge } from "./badges.tsx";
import { FilterSelect } from "./filter-select.tsx";
import { LoadMore } from "./load-more.tsx";
import { PersonChip } from "./person-chip.tsx";

const ACTIONS = [
  { value: "", label: "Every action" },
  ...[
    "verdict",
    "ban_user",
    "unban_user",
    "warn_user",
    "delete_message",
    "dismiss",
    "grant_admin",
    "revoke_admin",
  ].map((a) => ({ value: a, label: actionLabel(a) })),
];

/** The append-only audit log, newest first, and a check of its hash chain. */
export function AuditTab({ onOpenPerson }: { onOpenPerson(id: number): void }) {
  const [action, setAction] = useState("");
  const log = useAuditLog({ action });
  const verify = useMutation({ mutationFn: verifyAudit });
  const entries = log.data?.pages.flatMap((p) => p.actions) ?? [];

  return (
    <div className="space-y-4" data-testid="admin-audit">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="sm:w-56">
          <FilterSelect
            label="Action"
            value={action}
            options={ACTIONS}
            onChange={setAction}
            testId="audit-action-filter"
          />
        </div>
        <button
          type="button"
          className="btn-primary"
          onClick={() => verify.mutate()}
          disabled={verify.isPending}
          data-testid="audit-verify"
        >
          <ShieldIcon className="h-4 w-4" />
          {verify.isPending ? "Checking…" : "Verify chain"}
        </button>
      </div>
      {verify.data ? (
        <div
          role="status"
          data-testid="audit-verify-result"
          data-ok={verify.data.ok}
          className={`rounded-lg border px-3 py-2 text-sm ${
            verify.data.ok
              ? "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
              : "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
          }`}
        >
          {verify.data.ok ? (
            <>
              <span className="font-medium">The chain is intact:</span> {formatCount(verify.data.entries)}{" "}
              {verify.data.entries === 1 ? "entry" : "entries"}, every hash recomputed.
            </>
          ) : (
            <>
              <span className="font-medium">The chain is broken</span> at entry #{verify.data.first_bad_id}:
              the log was changed outside stu.
            </>
          )}
          {verify.data.head_hash ? (
            <span className="mt-1 block font-mono text-xs break-all opacity-80">
              head {verify.data.head_hash}
            </span>
          ) : null}
        </div>
      ) : null}
      {verify.error ? <FormAlert>Could not verify: {verify.error.message}</FormAlert> : null}
      {log.isPending ? (
        <p className="text-sm text-slate-500" role="status">
          Loading the log…
        </p>
      ) : log.isError ? (
        <FormAlert>Could not load the log. {log.error.message}</FormAlert>
      ) : entries.length === 0 ? (
        <p className="py-8 text-center text-sm text-slate-500 dark:text-slate-400">Nothing logged yet.</p>
      ) : (
        <>
          <ol
            className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
            aria-label="Audit log"
          >
            {entries.map((entry) => (
              <Entry key={entry.id} entry={entry} onOpenPerson={onOpenPerson} />
            ))}
          </ol>
          <LoadMore
            hasMore={log.hasNextPage}
            loading={log.isFetchingNextPage}
            onMore={() => void log.fetchNextPage()}
          />
        </>
      )}
    </div>
  );
}

const ACTOR_KIND = { agent: "Moderation agent", system: "stu" } as const;

function Entry({ entry, onOpenPerson }: { entry: AuditEntry; onOpenPerson(id: number): void }) {
  const verdict = entry.action === "verdict" ? verdictOf(entry.details) : null;
  const rest = Object.entries(entry.details ?? {}).filter(
    ([key]) => !(verdict && ["verdict", "score", "labels"].includes(key)),
  );
  return (
    <li
      className="grid gap-2 px-4 py-3 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]"
      data-testid="audit-entry"
      data-action={entry.action}
    >
      <div className="text-xs text-slate-500 dark:text-slate-400">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
        <span className="block">#{entry.id}</span>
      </div>
      <div className="min-w-0 space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          {entry.actor ? (
            <PersonChip person={entry.actor} onOpen={onOpenPerson} />
          ) : (
            <span className="font-medium">
              {ACTOR_KIND[entry.actor_kind as "agent" | "system"] ?? entry.actor_kind}
            </span>
          )}
          <Badge tone={entry.actor_kind === "agent" ? "indigo" : "slate"}>{actionLabel(entry.action)}</Badge>
          {verdict ? <VerdictBadge verdict={verdict.verdict} /> : null}
          {verdict ? <span className="tabular-nums">{verdict.score.toFixed(2)}</span> : null}
          {entry.target_user ? (
            <>
              <span className="text-slate-500 dark:text-slate-400">→</span>
              <PersonChip person={entry.target_user} onOpen={onOpenPerson} />
            </>
          ) : null}
        </div>
        {verdict?.labels.length ? (
          <div className="flex flex-wrap gap-1">
            {verdict.labels.map((l) => (
              <Badge key={l}>{l}</Badge>
            ))}
          </div>
        ) : null}
        {entry.reason ? (
          <p className="whitespace-pre-wrap [overflow-wrap:anywhere]" data-testid="audit-reason">
            {entry.reason}
          </p>
        ) : null}
        <p className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500 dark:text-slate-400">
          {entry.report_id ? <span>report #{entry.report_id}</span> : null}
          {entry.message_id ? <span>message #{entry.message_id}</span> : null}
          {rest.map(([key, value]) => (
            <span key={key} className="[overflow-wrap:anywhere]">
              {key.replaceAll("_", " ")}: {typeof value === "object" ? JSON.stringify(value) : String(value)}
            </span>
          ))}
          <span className="font-mono" title={`prev ${entry.prev_hash}\nhash ${entry.hash}`}>
            {entry.prev_hash.slice(0, 8)}→{entry.hash.slice(0, 8)}
          </span>
        </p>
      </div>
    </li>
  );
}

function verdictOf(details: Record<string, unknown>) {
  const verdict = details?.verdict;
  if (verdict !== "allow" && verdict !== "review" && verdict !== "block") return null;
  return {
    verdict,
    score: typeof details.score === "number" ? details.score : 0,
    labels: Array.isArray(details.labels) ? details.labels.map(String) : [],
  } as const;
}
