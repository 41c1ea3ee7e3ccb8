// Shared class lists so every settings button has the same shape and a visible keyboard focus ring.
const base =
  "inline-flex items-center justify-center rounded-lg px-3 py-1.5 text-sm font-medium transition focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60";

export const primaryButton = `${base} bg-indigo-600 text-white hover:bg-indigo-500`;
export const secondaryButton = `${base} border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800`;
export const dangerButton = `${base} bg-red-600 text-white hover:bg-red-500`;
export const dangerOutlineButton = `${base} border border-red-300 text-red-700 hover:bg-red-50 dark:border-red-900 dark:text-red-300 dark:hover:bg-red-950`;
