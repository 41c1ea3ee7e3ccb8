"use client";

import { useId } from "react";

/** A labelled on/off switch row of the settings page. `on` null: not known yet (disabled). */
export function SwitchRow({
  label,
  description,
  on,
  disabled = false,
  testId,
  onToggle,
}: {
  label: string;
  description: string;
  on: boolean | null;
  disabled?: boolean;
  testId: string;
  onToggle: () => void;
}) {
  const labelId = useId();
  const descriptionId = useId();
  return (
    <div className="flex items-start justify-between gap-4">
      <div>
        <p id={labelId} className="text-sm font-medium">
          {label}
        </p>
        <p id={descriptionId} className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">
          {description}
        </p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={on ?? false}
        aria-labelledby={labelId}
        aria-describedby={descriptionId}
        disabled={on === null || disabled}
        data-testid={testId}
        onClick={onToggle}
        className={`relative inline-flex h-7 w-12 shrink-0 items-center rounded-full transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60 ${
          on ? "bg-indigo-600" : "bg-slate-300 dark:bg-slate-700"
        }`}
      >
        <span
          aria-hidden
          className={`inline-block h-5 w-5 rounded-full bg-white shadow transition ${on ? "translate-x-6" : "translate-x-1"}`}
        />
      </button>
    </div>
  );
}
