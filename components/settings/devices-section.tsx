"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog.tsx";
import { ApiError } from "@/lib/client/api.ts";
import { listSessions, revokeOtherSessions, revokeSession } from "@/lib/client/sessions.ts";
import { FormAlert } from "../form-alert.tsx";
import { DeviceRow } from "./device-row.tsx";

/** Other forms that end sessions (a password change) refresh the list through this key. */
export const SESSIONS_KEY = ["sessions"];
const KEY = SESSIONS_KEY;

const message = (error: unknown) =>
  error instanceof ApiError ? error.body.message : "Something went wrong. Try again.";

export function DevicesSection() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: KEY, queryFn: listSessions });
  // Refetch after success and failure alike: a device revoked elsewhere answers 404 and is gone anyway.
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const revokeOne = useMutation({ mutationFn: revokeSession, onSettled: refresh });
  const revokeOthers = useMutation({ mutationFn: revokeOtherSessions, onSettled: refresh });
  const [asking, setAsking] = useState(false);

  if (sessions.isPending) {
    return (
      <p className="text-sm text-slate-500" role="status">
        Loading devices…
      </p>
    );
  }
  if (sessions.isError) {
    return (
      <div className="space-y-3">
        <FormAlert>{message(sessions.error)}</FormAlert>
        <button type="button" onClick={() => sessions.refetch()} className="btn-secondary">
          Try again
        </button>
      </div>
    );
  }

  const others = sessions.data.filter((s) => !s.current);
  const failure = revokeOne.error ?? revokeOthers.error;
  return (
    <div className="space-y-4">
      {failure && !(failure instanceof ApiError && failure.status === 404) ? (
        <FormAlert>{message(failure)}</FormAlert>
      ) : null}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Signed-in devices">
        {sessions.data.map((session) => (
          <DeviceRow
            key={session.device_id}
            session={session}
            revoking={revokeOne.isPending && revokeOne.variables === session.device_id}
            onRevoke={() => revokeOne.mutate(session.device_id)}
          />
        ))}
      </ul>
      {others.length ? (
        <div className="flex border-t border-slate-200 pt-4 dark:border-slate-800 sm:justify-end">
          <button
            type="button"
            data-testid="devices-revoke-others"
            disabled={revokeOthers.isPending}
            onClick={() => setAsking(true)}
            className="btn-danger-outline"
          >
            {revokeOthers.isPending ? "Signing out…" : "Sign out all other devices"}
          </button>
          <ConfirmDialog
            open={asking}
            title="Sign out other devices"
            body={`Sign out ${others.length} other ${others.length === 1 ? "device" : "devices"}? They will need the password to sign in again.`}
            confirmLabel="Sign them out"
            onConfirm={() => revokeOthers.mutate(sessions.data)}
            onClose={() => setAsking(false)}
          />
        </div>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">No other device is signed in.</p>
      )}
    </div>
  );
}
