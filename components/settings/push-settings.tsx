"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ApiError } from "@/lib/client/api.ts";
import {
  disablePush,
  enablePush,
  getPushSettings,
  type PushState,
  pushState,
  setPushSettings,
} from "@/lib/client/push.ts";
import { FormAlert } from "../form-alert.tsx";
import { SESSIONS_KEY } from "./devices-section.tsx";
import { SwitchRow } from "./switch.tsx";

const MUTED_TONE = "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300";

const STATES: Record<PushState, { pill: string; tone: string; text: string }> = {
  on: {
    pill: "On",
    tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
    text: "New messages arrive as system notifications, also when stu is closed. Muted chats stay quiet unless someone mentions you.",
  },
  off: { pill: "Off", tone: MUTED_TONE, text: "Get notified of new messages even when stu is closed." },
  denied: {
    pill: "Blocked",
    tone: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
    text: "Notifications are blocked for this site. Allow them in your browser's site settings, then reload this page.",
  },
  unsupported: {
    pill: "Not supported",
    tone: MUTED_TONE,
    text: "This browser cannot receive push notifications. On iPhone and iPad, add stu to the Home Screen and open it from there.",
  },
};

const failure = (error: unknown) =>
  error instanceof ApiError
    ? error.body.message
    : "Could not reach the browser's push service. Check your connection and try again.";

/** Web Push for this device: subscribe (asks for permission) or stop. */
function PushDevice() {
  const queryClient = useQueryClient();
  // null until hydrated: only the browser knows its permission and subscription.
  const [state, setState] = useState<PushState | null>(null);
  useEffect(() => {
    pushState().then(setState, () => setState("off"));
  }, []);
  const change = useMutation({
    mutationFn: (on: boolean) => (on ? enablePush() : disablePush()),
    onSuccess: setState,
    onSettled: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
  const shown = state ? STATES[state] : null;

  return (
    <div className="flex flex-col gap-3" data-testid="push-device" data-state={state ?? "loading"}>
      <div className="flex flex-col items-start gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <p className="flex items-center gap-2 text-sm font-medium">
            Push notifications on this device
            {shown ? (
              <span
                data-testid="push-status"
                className={`rounded-full px-2 py-0.5 text-xs font-medium ${shown.tone}`}
              >
                {shown.pill}
              </span>
            ) : null}
          </p>
          <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">
            {shown?.text ?? "Checking this browser…"}
          </p>
        </div>
        {state === "off" ? (
          <button
            type="button"
            data-testid="push-enable"
            disabled={change.isPending}
            onClick={() => change.mutate(true)}
            className="btn-primary shrink-0"
          >
            {change.isPending ? "Enabling…" : "Enable push"}
          </button>
        ) : null}
        {state === "on" ? (
          <button
            type="button"
            data-testid="push-disable"
            disabled={change.isPending}
            onClick={() => change.mutate(false)}
            className="btn-secondary shrink-0"
          >
            {change.isPending ? "Turning off…" : "Turn off"}
          </button>
        ) : null}
      </div>
      {change.isError ? <FormAlert>{failure(change.error)}</FormAlert> : null}
    </div>
  );
}

const SETTINGS_KEY = ["push-settings"];

/** Whether notifications (push, on every device) may show the message text. */
function PreviewsToggle() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: getPushSettings });
  const change = useMutation({
    mutationFn: setPushSettings,
    onSuccess: (data) => queryClient.setQueryData(SETTINGS_KEY, data),
  });
  const on = change.isPending ? change.variables.previews : (settings.data?.previews ?? null);
  return (
    <div className="flex flex-col gap-3">
      <SwitchRow
        label="Show message text in notifications"
        description="When off, a notification says who wrote and in which chat, not what. Applies to all your devices."
        on={on}
        disabled={change.isPending}
        testId="push-previews"
        onToggle={() => change.mutate({ previews: !on })}
      />
      {change.isError || settings.isError ? (
        <FormAlert>{failure(change.error ?? settings.error)}</FormAlert>
      ) : null}
    </div>
  );
}

export function PushSettings() {
  return (
    <div className="flex flex-col gap-5 border-t border-slate-200 pt-5 dark:border-slate-800">
      <PushDevice />
      <PreviewsToggle />
    </div>
  );
}
