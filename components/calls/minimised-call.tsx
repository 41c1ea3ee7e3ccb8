"use client";

import { HangUpIcon, MicIcon, MicOffIcon } from "@/components/icons.tsx";
import { hangUp, toggleMute } from "@/lib/client/calls/actions.ts";
import type { ActiveCall } from "@/lib/client/calls/store.ts";
import { callStatusText } from "./call-status.ts";
import { useCallChat } from "./use-call-chat.ts";
import { useDuration } from "./use-duration.ts";

/** The call while the person chats: a small floating bar; a click on it brings the call screen back. */
export function MinimisedCall({ call, onRestore }: { call: ActiveCall; onRestore(): void }) {
  const { chat } = useCallChat(call.chatId);
  const duration = useDuration(call.answeredAt);
  const status = call.phase === "connected" && duration !== null ? duration : callStatusText(call);
  return (
    <div
      data-testid="call-minimised"
      data-call-phase={call.phase}
      className="fixed right-3 bottom-[calc(5.5rem+env(safe-area-inset-bottom))] z-40 flex max-w-[calc(100vw-1.5rem)] items-center gap-1 rounded-full bg-emerald-600 py-1 pr-1 pl-1 text-white shadow-xl ring-1 ring-emerald-700/40 md:right-6 md:bottom-6"
    >
      <button
        type="button"
        onClick={onRestore}
        aria-label="Return to call"
        className="flex min-h-11 min-w-0 items-center gap-2 rounded-full py-1 pr-3 pl-3 text-left hover:bg-emerald-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
      >
        <span
          aria-hidden
          className={`h-2.5 w-2.5 shrink-0 rounded-full bg-white ${call.phase === "connected" ? "" : "animate-pulse"}`}
        />
        <span className="min-w-0">
          <span className="block max-w-40 truncate text-sm font-semibold">{chat?.title ?? "Call"}</span>
          <span className="block text-xs text-emerald-100 tabular-nums">{status}</span>
        </span>
      </button>
      <button
        type="button"
        aria-label={call.muted ? "Unmute" : "Mute"}
        title={call.muted ? "Unmute" : "Mute"}
        onClick={() => toggleMute()}
        className="grid h-11 w-11 shrink-0 place-items-center rounded-full hover:bg-emerald-500 focus-visible:outline-2 focus-visible:outline-white"
      >
        {call.muted ? <MicOffIcon /> : <MicIcon />}
      </button>
      <button
        type="button"
        aria-label="Hang up"
        title="Hang up"
        onClick={() => hangUp()}
        className="grid h-11 w-11 shrink-0 place-items-center rounded-full bg-red-600 hover:bg-red-500 focus-visible:outline-2 focus-visible:outline-white"
      >
        <HangUpIcon />
      </button>
    </div>
  );
}
