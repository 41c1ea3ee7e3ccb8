"use client";

import { useState } from "react";
import { CloseIcon, PinIcon } from "@/components/icons.tsx";
import { canPin, usePins } from "@/lib/client/pins.ts";
import type { Chat, Message } from "@/lib/client/types.ts";

type Props = { chat: Chat; onJump(messageId: number): void; onUnpin(message: Message): void };

const preview = (m: Message) =>
  m.text || (m.attachments.length ? m.attachments.map((a) => a.filename).join(", ") : "Message");

/**
 * The chat's pins under the header, like Telegram's: the newest first; a click jumps to the one shown
 * and moves on to the next older one, so repeated clicks walk through them all ("2 of 3").
 */
export function PinnedBar({ chat, onJump, onUnpin }: Props) {
  const { data: pins } = usePins(chat.id);
  const [index, setIndex] = useState(0);
  if (!pins?.length) return null;
  const at = Math.min(index, pins.length - 1);
  const pin = pins[at]!;
  return (
    <div
      data-testid="pinned-bar"
      className="flex items-center gap-2 border-b border-slate-200 bg-white/95 px-3 py-1.5 dark:border-slate-800 dark:bg-slate-900/95 md:px-4"
    >
      <button
        type="button"
        data-testid="pinned-bar-open"
        data-message-id={pin.message_id}
        onClick={() => {
          onJump(pin.message_id);
          setIndex((at + 1) % pins.length);
        }}
        className="flex min-w-0 flex-1 items-center gap-3 rounded-lg px-1 py-0.5 text-left focus-visible:outline-2 focus-visible:outline-indigo-600"
        aria-label={`Pinned message${pins.length > 1 ? ` ${at + 1} of ${pins.length}` : ""}: ${preview(pin.message)}`}
      >
        <span className="h-8 w-0.5 shrink-0 rounded-full bg-indigo-500" aria-hidden />
        <PinIcon className="h-4 w-4 shrink-0 text-indigo-600 dark:text-indigo-300" />
        <span className="min-w-0">
          <span className="block text-xs font-semibold text-indigo-600 dark:text-indigo-300">
            Pinned message
            {pins.length > 1 ? (
              <span data-testid="pinned-bar-count" className="ml-1 font-normal text-slate-500">
                {at + 1} of {pins.length}
              </span>
            ) : null}
          </span>
          <span
            data-testid="pinned-bar-text"
            className="block truncate text-sm text-slate-700 dark:text-slate-200"
          >
            {preview(pin.message)}
          </span>
        </span>
      </button>
      {canPin(chat) ? (
        <button
          type="button"
          className="icon-btn h-9 w-9 shrink-0"
          aria-label="Unpin message"
          data-testid="pinned-bar-unpin"
          onClick={() => onUnpin(pin.message)}
        >
          <CloseIcon className="h-4 w-4" />
        </button>
      ) : null}
    </div>
  );
}
