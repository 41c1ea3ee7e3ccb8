"use client";

import {
  PhoneIcon,
  PhoneIncomingIcon,
  PhoneMissedIcon,
  PhoneOutgoingIcon,
  VideoIcon,
} from "@/components/icons.tsx";
import { startCall } from "@/lib/client/calls/actions.ts";
import { clockTime } from "@/lib/client/format.ts";
import type { CallEntry, Message } from "@/lib/client/types.ts";
import { callEntryView } from "./call-entry-text.ts";

const ICON = { outgoing: PhoneOutgoingIcon, incoming: PhoneIncomingIcon, missed: PhoneMissedIcon };

/** A call in the history: a centred row (not a bubble) worded from the viewer's side. */
export function CallEntryRow({
  message,
  call,
  meId,
  dialog,
}: {
  message: Message;
  call: CallEntry;
  meId: number;
  /** Dialogs offer "Call back"; in groups the header's buttons start a call. */
  dialog: boolean;
}) {
  const view = callEntryView(call, message.text, meId);
  const Icon = ICON[view.tone];
  const missed = view.tone === "missed";
  return (
    <div
      className="my-2 flex justify-center"
      data-testid="call-entry"
      data-message-id={message.id}
      data-outcome={call.outcome}
      data-tone={view.tone}
    >
      <div className="flex max-w-full items-center gap-2.5 rounded-full bg-white py-1.5 pr-1.5 pl-3 text-sm shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
        <span
          className={`grid h-7 w-7 shrink-0 place-items-center rounded-full ${
            missed
              ? "bg-red-100 text-red-600 dark:bg-red-950 dark:text-red-300"
              : "bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300"
          }`}
        >
          <Icon className="h-4 w-4" />
        </span>
        <span className="min-w-0">
          <span
            data-testid="call-entry-text"
            className={`block truncate font-medium ${missed ? "text-red-700 dark:text-red-300" : ""}`}
          >
            {view.text}
          </span>
          <time
            dateTime={message.created_at}
            className="block text-[11px] leading-tight text-slate-500 dark:text-slate-400"
          >
            {clockTime(message.created_at)}
          </time>
        </span>
        {dialog ? (
          <button
            type="button"
            title="Call back"
            onClick={() => void startCall(message.chat_id, call.kind)}
            className="ml-1 inline-flex min-h-8 min-w-8 shrink-0 items-center justify-center gap-1.5 rounded-full bg-indigo-50 text-xs font-semibold text-indigo-700 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600 touch:min-h-11 touch:min-w-11 sm:px-3 dark:bg-indigo-950 dark:text-indigo-200 dark:hover:bg-indigo-900"
          >
            {call.kind === "video" ? <VideoIcon className="h-4 w-4" /> : <PhoneIcon className="h-4 w-4" />}
            {/* On a phone the outcome needs the room: the button is its icon (still named "Call back"). */}
            <span className="sr-only sm:not-sr-only">Call back</span>
          </button>
        ) : (
          <span className="w-1.5" />
        )}
      </div>
    </div>
  );
}
