import { formatDateTime } from "@/lib/client/admin-format.ts";
import type { Verdict } from "@/lib/client/admin-types.ts";
import { Badge, VerdictBadge } from "./badges.tsx";

const BAR = { allow: "bg-emerald-500", review: "bg-amber-500", block: "bg-red-500" } as const;

/** The moderation agent's judgement: verdict, score, labels and why. */
export function VerdictView({ verdict }: { verdict: Verdict | null }) {
  if (!verdict) {
    return (
      <p
        className="flex items-center gap-2 text-sm text-slate-500 dark:text-slate-400"
        data-testid="verdict-pending"
      >
        <span className="h-2 w-2 animate-pulse rounded-full bg-indigo-500" aria-hidden />
        Waiting for the moderation agent…
      </p>
    );
  }
  const percent = Math.round(verdict.score * 100);
  return (
    <div className="space-y-2" data-testid="verdict-view">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="text-sm font-medium">Agent:</span>
        <VerdictBadge verdict={verdict.verdict} />
        <span className="flex items-center gap-2 text-sm">
          <span
            className="relative h-2 w-24 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
            // The number beside it says the same to a screen reader.
            aria-hidden
          >
            <span
              className={`absolute inset-y-0 left-0 ${BAR[verdict.verdict]}`}
              style={{ width: `${percent}%` }}
            />
          </span>
          <span className="tabular-nums" data-testid="verdict-score">
            {verdict.score.toFixed(2)}
          </span>
        </span>
      </div>
      {verdict.labels.length ? (
        <div className="flex flex-wrap gap-1" data-testid="verdict-labels">
          {verdict.labels.map((label) => (
            <Badge key={label}>{label}</Badge>
          ))}
        </div>
      ) : null}
      {verdict.reasons.length ? (
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-600 dark:text-slate-300">
          {verdict.reasons.map((reason) => (
            <li key={reason} className="[overflow-wrap:anywhere]">
              {reason}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {verdict.model_version}
        {verdict.analyzed_at ? ` · ${formatDateTime(verdict.analyzed_at)}` : null}
      </p>
    </div>
  );
}
