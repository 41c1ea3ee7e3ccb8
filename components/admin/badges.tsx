import type { ReactNode } from "react";
import type { Verdict } from "@/lib/client/admin-types.ts";
import type { ReportStatus } from "@/lib/client/safety-types.ts";

type Tone = "slate" | "indigo" | "amber" | "red" | "emerald";

const TONES: Record<Tone, string> = {
  slate: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  indigo: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
  amber: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  red: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  emerald: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
};

export function Badge({
  tone = "slate",
  children,
  testId,
}: {
  tone?: Tone;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

const STATUS: Record<ReportStatus, { tone: Tone; label: string }> = {
  queued: { tone: "indigo", label: "Waiting for the agent" },
  open: { tone: "amber", label: "Open" },
  dismissed: { tone: "slate", label: "Dismissed" },
  resolved: { tone: "emerald", label: "Resolved" },
};

export function StatusBadge({ status }: { status: ReportStatus }) {
  const s = STATUS[status] ?? { tone: "slate", label: status };
  return (
    <Badge tone={s.tone} testId="report-status">
      {s.label}
    </Badge>
  );
}

const VERDICT: Record<Verdict["verdict"], Tone> = { allow: "emerald", review: "amber", block: "red" };

export function VerdictBadge({ verdict }: { verdict: Verdict["verdict"] }) {
  return (
    <Badge tone={VERDICT[verdict] ?? "slate"} testId="verdict">
      {verdict}
    </Badge>
  );
}
