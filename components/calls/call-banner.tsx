"use client";

import { PhoneIcon } from "@/components/icons.tsx";
import { joinCall } from "@/lib/client/calls/actions.ts";
import { useCalls } from "@/lib/client/calls/store.ts";
import type { Chat } from "@/lib/client/types.ts";

/** In a group with a call running that I am not in: how many are talking, and Join. */
export function CallBanner({ chat }: { chat: Chat }) {
  const running = useCalls((s) => s.running[chat.id]);
  const inIt = useCalls((s) => s.current?.chatId === chat.id);
  if (chat.type !== "group" || !running || running.state === "ended" || inIt) return null;
  const people = running.participants.filter((p) => p.state === "joined").length;
  return (
    <div
      data-testid="call-banner"
      className="flex items-center gap-3 border-b border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 md:px-4 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
    >
      <span className="grid h-8 w-8 shrink-0 place-items-center rounded-full bg-emerald-600 text-white">
        <PhoneIcon className="h-4 w-4" />
      </span>
      <p className="min-w-0 flex-1 truncate font-medium">
        Call in progress · {people} {people === 1 ? "person" : "people"}
      </p>
      <button
        type="button"
        onClick={() => void joinCall(chat.id)}
        className="inline-flex min-h-9 touch:min-h-11 items-center rounded-full bg-emerald-600 px-4 text-sm font-semibold text-white hover:bg-emerald-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-600"
      >
        Join
      </button>
    </div>
  );
}
