"use client";

import { useModalDialog } from "@/components/use-modal-dialog.ts";
import { EMOJI_GROUPS, QUICK_REACTIONS } from "@/lib/client/emoji-set.ts";
import type { Reaction } from "@/lib/client/types.ts";

const mineOf = (reactions: Reaction[] | undefined) =>
  new Set((reactions ?? []).filter((r) => r.me).map((r) => r.emoji));

/** The six everyday reactions and a "more" button; mine are highlighted (a click takes them back). */
export function QuickReactions({
  reactions,
  onPick,
  onMore,
  onClose,
}: {
  reactions: Reaction[] | undefined;
  onPick(emoji: string): void;
  onMore(): void;
  /** Escape: the bar is dismissed without a reaction. */
  onClose?(): void;
}) {
  const mine = mineOf(reactions);
  return (
    <div
      className="flex items-center gap-0.5"
      role="toolbar"
      aria-label="React"
      data-testid="quick-reactions"
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose?.();
      }}
    >
      {QUICK_REACTIONS.map((emoji) => (
        <button
          key={emoji}
          type="button"
          aria-label={`React ${emoji}`}
          aria-pressed={mine.has(emoji)}
          data-testid="quick-reaction"
          data-emoji={emoji}
          onClick={() => onPick(emoji)}
          className={`grid h-9 w-9 place-items-center rounded-full text-xl transition hover:scale-110 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-700 ${
            mine.has(emoji) ? "bg-indigo-100 dark:bg-indigo-900/60" : ""
          }`}
        >
          {emoji}
        </button>
      ))}
      <button
        type="button"
        aria-label="More emoji"
        data-testid="reaction-more"
        onClick={onMore}
        className="grid h-9 w-9 place-items-center rounded-full text-lg font-semibold text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-slate-300 dark:hover:bg-slate-700"
      >
        +
      </button>
    </div>
  );
}

/** Every emoji of the curated set, by group, in a modal dialog (Escape or a click outside closes it). */
export function EmojiPickerDialog({
  open,
  reactions,
  onPick,
  onClose,
}: {
  open: boolean;
  reactions: Reaction[] | undefined;
  onPick(emoji: string): void;
  onClose(): void;
}) {
  const dialog = useModalDialog(open, onClose);
  const mine = mineOf(reactions);
  return (
    <dialog
      {...dialog}
      aria-label="Choose a reaction"
      data-testid="emoji-picker"
      className="m-auto w-[min(22rem,calc(100vw-1.5rem))] rounded-2xl border-0 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/40 dark:bg-slate-900 dark:text-slate-100 dark:ring-1 dark:ring-slate-700"
    >
      {open ? (
        <div className="flex max-h-[min(28rem,80vh)] flex-col">
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2 dark:border-slate-700">
            <h2 className="text-sm font-semibold">Choose a reaction</h2>
            <button type="button" onClick={onClose} className="text-sm text-slate-500 hover:underline">
              Close
            </button>
          </div>
          <div className="overflow-y-auto px-2 pb-2">
            {EMOJI_GROUPS.map((group) => (
              <section key={group.name} aria-label={group.name}>
                <h3 className="sticky top-0 bg-white px-2 pt-2 pb-1 text-xs font-medium text-slate-500 dark:bg-slate-900">
                  {group.name}
                </h3>
                <div className="grid grid-cols-8 gap-0.5">
                  {group.emoji.map((emoji) => (
                    <button
                      key={emoji}
                      type="button"
                      aria-label={emoji}
                      aria-pressed={mine.has(emoji)}
                      data-testid="picker-emoji"
                      data-emoji={emoji}
                      onClick={() => onPick(emoji)}
                      className={`grid aspect-square place-items-center rounded-lg text-2xl hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-800 ${
                        mine.has(emoji) ? "bg-indigo-100 dark:bg-indigo-900/60" : ""
                      }`}
                    >
                      {emoji}
                    </button>
                  ))}
                </div>
              </section>
            ))}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
