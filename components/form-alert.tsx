import type { ReactNode } from "react";

export function FormAlert({ tone = "error", children }: { tone?: "error" | "info"; children: ReactNode }) {
  const colors =
    tone === "error"
      ? "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
      : "border-indigo-200 bg-indigo-50 text-indigo-800 dark:border-indigo-900 dark:bg-indigo-950 dark:text-indigo-200";
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={`form-${tone}`}
      className={`rounded-lg border px-3 py-2 text-sm ${colors}`}
    >
      {children}
    </div>
  );
}
