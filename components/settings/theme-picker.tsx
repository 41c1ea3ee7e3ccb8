"use client";

import { useEffect, useState } from "react";
import { applyTheme, storedTheme, type Theme } from "@/lib/client/theme.ts";

const OPTIONS: Array<{ value: Theme; label: string; hint: string }> = [
  { value: "light", label: "Light", hint: "Always light" },
  { value: "dark", label: "Dark", hint: "Always dark" },
  { value: "system", label: "System", hint: "Follow this device" },
];

export function ThemePicker() {
  // The saved choice lives in localStorage, which the server cannot see: read it after hydration.
  const [theme, setTheme] = useState<Theme | null>(null);
  useEffect(() => setTheme(storedTheme()), []);

  function choose(value: Theme) {
    setTheme(value);
    applyTheme(value);
  }

  return (
    <fieldset>
      <legend className="sr-only">Theme</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        {OPTIONS.map((option) => (
          <label
            key={option.value}
            className="flex cursor-pointer items-center gap-3 rounded-lg border border-slate-300 px-3 py-2.5 transition hover:bg-slate-50 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500 dark:border-slate-700 dark:hover:bg-slate-800 dark:has-[:checked]:border-indigo-400 dark:has-[:checked]:bg-indigo-950/60"
          >
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={theme === option.value}
              onChange={() => choose(option.value)}
              data-testid={`theme-${option.value}`}
              className="h-4 w-4 accent-indigo-600 focus:outline-none"
            />
            <span>
              <span className="block text-sm font-medium">{option.label}</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">{option.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
