"use client";

import { useEffect, useRef, useState } from "react";
import { dangerButton, dangerOutlineButton, secondaryButton } from "./buttons.ts";

type Props = {
  /** Text of the button that asks first. */
  label: string;
  /** Accessible name of that button when its text alone is ambiguous (several "Revoke" buttons). */
  ariaLabel?: string;
  question: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  testId: string;
  confirmTestId: string;
};

/** A destructive button that asks "Are you sure?" inline; Escape or Cancel backs out. */
export function ConfirmAction({
  label,
  ariaLabel,
  question,
  confirmLabel,
  busy,
  onConfirm,
  testId,
  confirmTestId,
}: Props) {
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  // Keyboard users land on the question when it opens and back on the trigger when it closes.
  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (wasAsking.current) trigger.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={trigger}
        type="button"
        aria-label={ariaLabel}
        data-testid={testId}
        onClick={() => setAsking(true)}
        className={dangerOutlineButton}
      >
        {label}
      </button>
    );
  }

  return (
    // A fieldset names the group after its question; the floated legend lays out like the buttons.
    <fieldset
      onKeyDown={(e) => e.key === "Escape" && setAsking(false)}
      className="flex min-w-0 flex-wrap items-center gap-2 sm:justify-end"
    >
      <legend className="float-left text-sm font-medium text-slate-700 dark:text-slate-300">
        {question}
      </legend>
      <button ref={cancel} type="button" onClick={() => setAsking(false)} className={secondaryButton}>
        Cancel
      </button>
      <button
        type="button"
        disabled={busy}
        data-testid={confirmTestId}
        onClick={onConfirm}
        className={dangerButton}
      >
        {busy ? "Signing out…" : confirmLabel}
      </button>
    </fieldset>
  );
}
