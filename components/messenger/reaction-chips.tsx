"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api.ts";
import { type ReactorsAnswer, reactionsPath } from "@/lib/client/reactions.ts";
import type { Message, Reaction } from "@/lib/client/types.ts";
import { useLongPress } from "@/lib/client/use-long-press.ts";

/** The names behind a chip, loaded when someone wants to know (hover, focus or a long press). */
function useReactors(message: Message, wanted: boolean) {
  return useQuery({
    queryKey: ["reactors", message.id],
    queryFn: () => api<ReactorsAnswer>(reactionsPath(message)),
    enabled: wanted,
    staleTime: 30_000,
  });
}

function Chip({
  message,
  reaction,
  mine,
  onToggle,
}: {
  message: Message;
  reaction: Reaction;
  mine: boolean;
  onToggle(emoji: string): void;
}) {
  const [open, setOpen] = useState(false);
  const reactors = useReactors(message, open);
  // A finger has no hover: a long press shows the names for a few seconds.
  const longPress = useLongPress(() => {
    setOpen(true);
    setTimeout(() => setOpen(false), 4000);
  });
  const names = reactors.data?.reactions
    .find((r) => r.emoji === reaction.emoji)
    ?.users.map((u) => u.display_name || u.username);
  const label = `${reaction.emoji} ${reaction.count}${reaction.me ? ", including you" : ""}`;
  return (
    <span className="relative">
      <button
        type="button"
        {...longPress}
        aria-pressed={reaction.me}
        aria-label={label}
        title={names?.join(", ")}
        data-testid="reaction-chip"
        data-emoji={reaction.emoji}
        data-mine={reaction.me}
        onClick={() => onToggle(reaction.emoji)}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        className={`flex h-7 items-center gap-1 rounded-full px-2 text-sm leading-none shadow-sm ring-1 transition focus-visible:outline-2 focus-visible:outline-indigo-600 touch:select-none ${
          reaction.me
            ? "bg-indigo-100 text-indigo-800 ring-indigo-400 dark:bg-indigo-900/70 dark:text-indigo-100 dark:ring-indigo-500"
            : "bg-white text-slate-700 ring-slate-200 hover:bg-slate-50 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700"
        }`}
      >
        <span className="text-base">{reaction.emoji}</span>
        <span data-testid="reaction-count" className="tabular-nums">
          {reaction.count}
        </span>
      </button>
      {open ? (
        <span
          role="tooltip"
          data-testid="reaction-who"
          className={`absolute bottom-full z-20 mb-1 w-max max-w-[14rem] rounded-lg bg-slate-900 px-2 py-1 text-xs text-white shadow-lg dark:bg-slate-100 dark:text-slate-900 ${
            mine ? "right-0" : "left-0"
          }`}
        >
          {names ? names.join(", ") : "…"}
        </span>
      ) : null}
    </span>
  );
}

/** A message's reactions under its bubble: emoji and count, highlighted when mine; a click toggles mine. */
export function ReactionChips({
  message,
  mine,
  onToggle,
}: {
  message: Message;
  mine: boolean;
  onToggle(emoji: string): void;
}) {
  const reactions = message.reactions ?? [];
  if (!reactions.length) return null;
  return (
    <div
      data-testid="reactions"
      className={`relative z-[1] -mt-1 mb-1 flex max-w-[min(34rem,85%)] flex-wrap gap-1 px-2 ${mine ? "justify-end" : "justify-start"}`}
    >
      {reactions.map((r) => (
        <Chip key={r.emoji} message={message} reaction={r} mine={mine} onToggle={onToggle} />
      ))}
    </div>
  );
}
