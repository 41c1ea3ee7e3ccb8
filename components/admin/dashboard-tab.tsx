"use client";

import { type ReactNode, useState } from "react";
import { FormAlert } from "@/components/form-alert.tsx";
import { useAdminStats } from "@/lib/client/admin.ts";
import { formatBytes, formatCount, formatDateTime } from "@/lib/client/admin-format.ts";
import { DayChart } from "./day-chart.tsx";
import { FilterSelect } from "./filter-select.tsx";

const RANGES = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last year" },
];

// indigo-600/400, emerald-600/400, amber-600/400: readable on white and on slate-900.
const INDIGO = { light: "#4f46e5", dark: "#818cf8" };
const EMERALD = { light: "#059669", dark: "#34d399" };
const AMBER = { light: "#d97706", dark: "#fbbf24" };

/** The server at a glance: cards for now, charts for the days before. */
export function DashboardTab({ onOpenReports }: { onOpenReports(): void }) {
  const [days, setDays] = useState("30");
  const stats = useAdminStats(Number(days));

  if (stats.isPending) {
    return (
      <p className="text-sm text-slate-500" role="status">
        Loading the numbers…
      </p>
    );
  }
  if (stats.isError) return <FormAlert>Could not load the numbers. {stats.error.message}</FormAlert>;
  const s = stats.data;
  const inRange = s.messages_per_day.reduce((sum, d) => sum + d.count, 0);

  return (
    <div className="space-y-4" data-testid="admin-dashboard">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Card label="People" value={formatCount(s.users.total)} testId="stat-users">
          {formatCount(s.users.active_24h)} active today · {formatCount(s.users.active_7d)} this week
        </Card>
        <Card label="Online now" value={formatCount(s.users_online)} testId="stat-online">
          {plural(s.sockets_online, "open connection")}
        </Card>
        <Card
          label="Open reports"
          value={formatCount(s.reports.open)}
          testId="stat-reports"
          tone={s.reports.open ? "amber" : undefined}
          onClick={onOpenReports}
        >
          {s.reports.queued
            ? `${formatCount(s.reports.queued)} waiting for the agent`
            : "none waiting for the agent"}
        </Card>
        <Card label="Messages" value={formatCount(s.messages.total)} testId="stat-messages">
          {formatCount(inRange)} in this range
        </Card>
        <Card label="Chats" value={formatCount(s.chats.total)} testId="stat-chats">
          {plural(s.chats.dialogs, "dialog")} · {plural(s.chats.groups, "group")}
        </Card>
        <Card label="Storage" value={formatBytes(s.storage.uploads_bytes)} testId="stat-storage">
          {plural(s.storage.attachments, "file")} uploaded
        </Card>
        <Card label="Database" value={formatBytes(s.database.size_bytes)} testId="stat-database">
          PostgreSQL on disk
        </Card>
        <Card label="Banned" value={formatCount(s.users.banned)} testId="stat-banned">
          {plural(s.users.admins, "admin")} on the team
        </Card>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div className="sm:w-48">
          <FilterSelect label="Range" value={days} options={RANGES} onChange={setDays} testId="stats-range" />
        </div>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Days in UTC · updated {formatDateTime(s.generated_at)}
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <DayChart
          wide
          title="Messages per day"
          unit="messages"
          data={s.messages_per_day}
          kind="area"
          color={INDIGO}
          testId="chart-messages"
        />
        <DayChart
          title="Active people per day"
          unit="active people"
          data={s.active_users_per_day}
          kind="area"
          color={EMERALD}
          testId="chart-active"
        />
        <DayChart
          title="New people per day"
          unit="sign-ups"
          data={s.new_users_per_day}
          kind="bar"
          color={AMBER}
          testId="chart-new-users"
        />
      </div>
    </div>
  );
}

function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
}

function Card({
  label,
  value,
  children,
  testId,
  tone,
  onClick,
}: {
  label: string;
  value: string;
  children: ReactNode;
  testId: string;
  tone?: "amber";
  onClick?(): void;
}) {
  const body = (
    <>
      <span className="block text-xs font-medium text-slate-500 uppercase dark:text-slate-400">{label}</span>
      <span
        className={`mt-1 block text-2xl font-semibold tabular-nums ${tone === "amber" ? "text-amber-700 dark:text-amber-300" : ""}`}
        data-testid={`${testId}-value`}
      >
        {value}
      </span>
      <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">{children}</span>
    </>
  );
  const frame =
    "min-w-0 rounded-xl border border-slate-200 bg-white p-3 text-left shadow-sm sm:p-4 dark:border-slate-800 dark:bg-slate-900";
  return onClick ? (
    <button
      type="button"
      onClick={onClick}
      data-testid={testId}
      className={`${frame} hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:border-indigo-700`}
    >
      {body}
    </button>
  ) : (
    <div data-testid={testId} className={frame}>
      {body}
    </div>
  );
}
