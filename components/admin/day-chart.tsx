"use client";

import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCount, formatDay, formatLongDay } from "@/lib/client/admin-format.ts";
import type { DayCount } from "@/lib/client/admin-types.ts";
import { useDark } from "@/lib/client/use-dark.ts";

type Props = {
  title: string;
  /** What one count is, for the tooltip and the summary: "messages", "active people". */
  unit: string;
  data: DayCount[];
  kind: "area" | "bar";
  color: { light: string; dark: string };
  testId: string;
  /** Spans both columns of the dashboard's grid. */
  wide?: boolean;
};

/** One number per day over the range, with dated axes and a tooltip; the theme's colours. */
export function DayChart({ title, unit, data, kind, color, testId, wide = false }: Props) {
  const dark = useDark();
  const stroke = dark ? color.dark : color.light;
  const text = dark ? "#94a3b8" : "#64748b"; // slate-400 / slate-500
  const grid = dark ? "#1e293b" : "#e2e8f0"; // slate-800 / slate-200
  const total = data.reduce((sum, d) => sum + d.count, 0);
  const peak = data.reduce<DayCount | null>((best, d) => (!best || d.count > best.count ? d : best), null);

  const axes = (
    <>
      <CartesianGrid stroke={grid} strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="date"
        tickFormatter={formatDay}
        tick={{ fill: text, fontSize: 12 }}
        stroke={grid}
        tickLine={false}
        minTickGap={28}
      />
      <YAxis
        allowDecimals={false}
        tick={{ fill: text, fontSize: 12 }}
        stroke={grid}
        tickLine={false}
        axisLine={false}
        width={36}
      />
      <Tooltip
        cursor={{ fill: dark ? "rgb(148 163 184 / 0.12)" : "rgb(100 116 139 / 0.08)", stroke: grid }}
        labelFormatter={(label) => formatLongDay(String(label))}
        formatter={(value) => [formatCount(Number(value)), unit]}
        contentStyle={{
          background: dark ? "#0f172a" : "#ffffff",
          border: `1px solid ${dark ? "#334155" : "#e2e8f0"}`,
          borderRadius: 8,
          color: dark ? "#f1f5f9" : "#0f172a",
          fontSize: 13,
        }}
        labelStyle={{ color: dark ? "#f1f5f9" : "#0f172a", fontWeight: 600 }}
        itemStyle={{ color: dark ? "#e2e8f0" : "#334155" }}
      />
    </>
  );

  return (
    <figure
      className={`min-w-0 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4 dark:border-slate-800 dark:bg-slate-900 ${wide ? "lg:col-span-2" : ""}`}
      data-testid={testId}
    >
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-3">
        <span className="font-semibold">{title}</span>
        <span className="text-sm text-slate-500 dark:text-slate-400">
          {formatCount(total)} in {data.length} days
        </span>
      </figcaption>
      <p className="sr-only">
        {peak && peak.count > 0
          ? `Most on ${formatLongDay(peak.date)}: ${formatCount(peak.count)} ${unit}.`
          : `No ${unit} in this range.`}
      </p>
      <div className="mt-3 h-56" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          {kind === "area" ? (
            <AreaChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              {axes}
              <defs>
                <linearGradient id={`${testId}-fill`} x1="0" y1="0" x2="0" y2="1">
                  <stop offset="0%" stopColor={stroke} stopOpacity={0.35} />
                  <stop offset="100%" stopColor={stroke} stopOpacity={0.02} />
                </linearGradient>
              </defs>
              <Area
                type="monotone"
                dataKey="count"
                name={unit}
                stroke={stroke}
                strokeWidth={2}
                fill={`url(#${testId}-fill)`}
                isAnimationActive={false}
              />
            </AreaChart>
          ) : (
            <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              {axes}
              <Bar
                dataKey="count"
                name={unit}
                fill={stroke}
                radius={[3, 3, 0, 0]}
                isAnimationActive={false}
              />
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
