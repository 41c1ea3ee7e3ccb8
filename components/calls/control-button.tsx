import type { ButtonHTMLAttributes, ReactNode } from "react";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  label: string;
  /** Shown inverted: the mic is off, the camera is off, the screen is shared, the menu is open. */
  active?: boolean;
  danger?: boolean;
  children: ReactNode;
};

/** A round call control, 56 px (48 px from 640 px wide): big enough for a thumb. */
export function ControlButton({ label, active, danger, children, className = "", ...rest }: Props) {
  const tone = danger
    ? "bg-red-600 text-white hover:bg-red-500"
    : active
      ? "bg-slate-900 text-white hover:bg-slate-700 dark:bg-white dark:text-slate-900 dark:hover:bg-slate-200"
      : "bg-slate-200 text-slate-800 hover:bg-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700";
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={`grid h-14 w-14 shrink-0 place-items-center rounded-full transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 sm:h-12 sm:w-12 ${tone} ${className}`}
      {...rest}
    >
      {children}
    </button>
  );
}
