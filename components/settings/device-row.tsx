"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog.tsx";
import { deviceLabel, isMobileDevice } from "@/lib/client/device-label.ts";
import { relativeTime } from "@/lib/client/relative-time.ts";
import type { DeviceSession } from "@/lib/client/sessions.ts";

export function DeviceRow({
  session,
  revoking,
  onRevoke,
}: {
  session: DeviceSession;
  revoking: boolean;
  onRevoke: () => void;
}) {
  const label = deviceLabel(session.user_agent, session.platform);
  const [asking, setAsking] = useState(false);
  return (
    <li
      data-testid="device-row"
      data-current={session.current}
      className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between"
    >
      <div className="flex min-w-0 flex-1 items-start gap-3">
        <DeviceIcon mobile={isMobileDevice(session.user_agent)} />
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            <span className="truncate">{label}</span>
            {session.current ? (
              <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
                This device
              </span>
            ) : null}
            {session.push ? (
              <span
                data-testid="device-push"
                title="Gets push notifications"
                className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300"
              >
                Push
              </span>
            ) : null}
          </p>
          <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">
            {/* API clients may leave the name empty: show only the parts that say something. */}
            {[session.device_name, session.ip].filter(Boolean).map((part) => `${part} · `)}
            {session.current ? (
              "Active now"
            ) : (
              <time dateTime={session.last_used_at} title={new Date(session.last_used_at).toLocaleString()}>
                Active {relativeTime(session.last_used_at)}
              </time>
            )}
          </p>
        </div>
      </div>
      {session.current ? null : (
        // On a phone the action goes below, lined up with the text rather than the icon.
        <div className="pl-13 sm:shrink-0 sm:pl-4">
          <button
            type="button"
            aria-label={`Revoke ${label}${session.ip ? ` (${session.ip})` : ""}`}
            data-testid="device-revoke"
            disabled={revoking}
            onClick={() => setAsking(true)}
            className="btn-danger-outline"
          >
            {revoking ? "Signing out…" : "Revoke"}
          </button>
          <ConfirmDialog
            open={asking}
            title="Sign this device out"
            body={`${label}${session.device_name ? ` (${session.device_name})` : ""} will be signed out and will need the password to sign in again.`}
            confirmLabel="Revoke"
            onConfirm={onRevoke}
            onClose={() => setAsking(false)}
          />
        </div>
      )}
    </li>
  );
}

function DeviceIcon({ mobile }: { mobile: boolean }) {
  return (
    <span className="grid h-10 w-10 shrink-0 place-items-center rounded-lg bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="h-5 w-5"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
      >
        {mobile ? (
          <path d="M8 3h8a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Zm3 15h2" />
        ) : (
          <path d="M4 5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm4 15h8m-4-3v3" />
        )}
      </svg>
    </span>
  );
}
