"use client";

import { Avatar } from "@/components/avatar.tsx";
import type { Member } from "@/lib/client/types.ts";

export const MENTION_LIST_ID = "mention-suggestions";

/** The people an `@` being typed could mean, above the composer; the textarea keeps the focus. */
export function MentionSuggestions({
  people,
  selected,
  onPick,
}: {
  people: Member[];
  selected: number;
  onPick(member: Member): void;
}) {
  if (!people.length) return null;
  return (
    <div
      id={MENTION_LIST_ID}
      role="listbox"
      aria-label="Mention someone"
      data-testid="mention-suggestions"
      className="absolute right-0 bottom-full left-0 mb-2 max-h-72 overflow-y-auto rounded-xl border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
    >
      {people.map((m, i) => (
        <div
          key={m.id}
          id={`mention-option-${m.id}`}
          role="option"
          tabIndex={-1}
          aria-selected={i === selected}
          data-testid="mention-option"
          data-username={m.username}
          // The textarea keeps the focus (and its caret) under a mouse; a tap gives it back in onPick.
          onPointerDown={(e) => e.preventDefault()}
          onClick={() => onPick(m)}
          // Keys go to the textarea, which moves the choice (aria-activedescendant).
          onKeyDown={undefined}
          className={`flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2 ${
            i === selected
              ? "bg-indigo-50 dark:bg-indigo-950/60"
              : "hover:bg-slate-100 dark:hover:bg-slate-800"
          }`}
        >
          <Avatar name={m.display_name || m.username} seed={m.id} url={m.avatar_url} size="sm" />
          <span className="min-w-0 flex-1 truncate">
            <span className="font-medium">{m.display_name || m.username}</span>{" "}
            <span className="text-sm text-slate-500 dark:text-slate-400">@{m.username}</span>
          </span>
        </div>
      ))}
    </div>
  );
}
