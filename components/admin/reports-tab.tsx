"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormAlert } from "@/components/form-alert.tsx";
import { adminKey, type ReportFilter, useAdminReports } from "@/lib/client/admin.ts";
import { REASON_TEXT } from "@/lib/client/report-reasons.ts";
import { REPORT_REASONS } from "@/lib/client/safety-types.ts";
import { FilterSelect } from "./filter-select.tsx";
import { LoadMore } from "./load-more.tsx";
import { type PendingAction, ReasonDialog } from "./reason-dialog.tsx";
import { ReportCard } from "./report-card.tsx";

const STATUSES = [
  { value: "open", label: "Open" },
  { value: "queued", label: "Waiting for the agent" },
  { value: "dismissed", label: "Dismissed" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
];
const REASONS = [
  { value: "", label: "Any reason" },
  ...REPORT_REASONS.map((r) => ({ value: r, label: REASON_TEXT[r].label })),
];

/** The report queue: open reports first, newest first, each with one-click actions. */
export function ReportsTab({ onOpenPerson }: { onOpenPerson(id: number): void }) {
  const qc = useQueryClient();
  const [filter, setFilter] = useState<ReportFilter>({ status: "open", reason: "" });
  const [action, setAction] = useState<PendingAction | null>(null);
  const reports = useAdminReports(filter);
  const list = reports.data?.pages.flatMap((p) => p.reports) ?? [];

  return (
    <div className="space-y-4" data-testid="admin-reports">
      <div className="grid grid-cols-2 gap-3 sm:flex sm:items-end">
        <FilterSelect
          label="Status"
          value={filter.status}
          options={STATUSES}
          onChange={(status) => setFilter((f) => ({ ...f, status }))}
          testId="reports-status-filter"
        />
        <FilterSelect
          label="Reason"
          value={filter.reason}
          options={REASONS}
          onChange={(reason) => setFilter((f) => ({ ...f, reason }))}
          testId="reports-reason-filter"
        />
      </div>
      {reports.isPending ? (
        <p className="text-sm text-slate-500" role="status">
          Loading reports…
        </p>
      ) : reports.isError ? (
        <FormAlert>Could not load the reports. {reports.error.message}</FormAlert>
      ) : list.length === 0 ? (
        <p
          className="rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400"
          data-testid="reports-empty"
        >
          {filter.status === "open" ? "Nothing waiting for review." : "No reports match."}
        </p>
      ) : (
        <div className="space-y-3">
          {list.map((report) => (
            <ReportCard key={report.id} report={report} onAction={setAction} onOpenPerson={onOpenPerson} />
          ))}
          <LoadMore
            hasMore={reports.hasNextPage}
            loading={reports.isFetchingNextPage}
            onMore={() => void reports.fetchNextPage()}
          />
        </div>
      )}
      <ReasonDialog
        action={action}
        onClose={() => setAction(null)}
        onDone={() => void qc.invalidateQueries({ queryKey: adminKey })}
      />
    </div>
  );
}
