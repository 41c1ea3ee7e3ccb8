import { type InputHTMLAttributes, useId } from "react";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string;
  hint?: string;
};

/**
 * A labelled input. Only the label names it; the hint or the error describes it. (Wrapping the hint
 * in the <label> made it part of the name as well, so screen readers read it twice.)
 */
export function TextField({ label, name, error, hint, id, ...input }: Props) {
  const generated = useId();
  const inputId = id ?? `${name}-${generated}`;
  const noteId = `${inputId}-note`;
  const note = error ?? hint;
  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        data-testid={`${name}-input`}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? noteId : undefined}
        className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base outline-none transition focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 aria-[invalid]:border-red-500 dark:border-slate-700 dark:bg-slate-950"
        {...input}
      />
      {note ? (
        <p
          id={noteId}
          className={error ? "mt-1 text-sm text-red-600 dark:text-red-400" : "mt-1 text-xs text-slate-500"}
        >
          {note}
        </p>
      ) : null}
    </div>
  );
}
