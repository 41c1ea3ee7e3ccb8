"use client";

import { useEffect } from "react";
import { CloseIcon } from "@/components/icons.tsx";
import { dismissNotice } from "@/lib/client/calls/actions.ts";
import { useCalls } from "@/lib/client/calls/store.ts";

const SHOWN_MS = 6_000;

/** What went wrong or changed ("No answer.", "Bob is on another call."): a toast above everything. */
export function CallNotice() {
  const notice = useCalls((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => dismissNotice(), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 top-[calc(0.75rem+env(safe-area-inset-top))] z-50 flex justify-center px-3"
    >
      {notice ? (
        <p
          key={notice.id}
          data-testid="call-notice"
          className="pointer-events-auto flex max-w-md items-center gap-2 rounded-2xl bg-slate-900 py-2 pr-2 pl-4 text-sm text-white shadow-xl dark:bg-slate-100 dark:text-slate-900"
        >
          <span className="min-w-0 flex-1">{notice.text}</span>
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => dismissNotice()}
            className="grid h-8 w-8 shrink-0 place-items-center rounded-full hover:bg-white/15 dark:hover:bg-slate-900/10"
          >
            <CloseIcon className="h-4 w-4" />
          </button>
        </p>
      ) : null}
    </div>
  );
}
