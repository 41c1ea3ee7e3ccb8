"use client";

import { PhoneIcon, VideoIcon } from "@/components/icons.tsx";
import { joinCall, startCall } from "@/lib/client/calls/actions.ts";
import { type CallKind, useCalls } from "@/lib/client/calls/store.ts";
import type { Chat } from "@/lib/client/types.ts";

/** The header's call buttons; in a group whose call is running they join it instead of starting another. */
export function CallButtons({ chat }: { chat: Chat }) {
  const running = useCalls((s) => s.running[chat.id]);
  const call = (kind: CallKind) =>
    void (chat.type === "group" && running && running.state !== "ended"
      ? joinCall(chat.id)
      : startCall(chat.id, kind));
  return (
    <>
      <button
        type="button"
        className="icon-btn"
        aria-label="Voice call"
        title="Voice call"
        onClick={() => call("voice")}
      >
        <PhoneIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Video call"
        title="Video call"
        onClick={() => call("video")}
      >
        <VideoIcon />
      </button>
    </>
  );
}
