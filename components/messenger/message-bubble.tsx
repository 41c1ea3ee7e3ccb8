"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";

import {
  EditIcon,
  FlagIcon,
  ForwardIcon,
  MoreIcon,
  PinIcon,
  ReplyIcon,
  SmileIcon,
  TrashIcon,
} from "@/components/icons.tsx";
import { clockTime } from "@/lib/client/format.ts";
import { effectiveStatus, useMessenger } from "@/lib/client/store.ts";
import type { Member, Message, PendingMessage } from "@/lib/client/types.ts";
import { useLongPress } from "@/lib/client/use-long-press.ts";
import { LinkPreviewCard } from "./link-preview-card.tsx";
import { MessageAttachments } from "./message-attachments.tsx";
import { MessageMarkdown } from "./message-markdown.tsx";
import { ReactionChips } from "./reaction-chips.tsx";
import { QuickReactions } from "./reaction-picker.tsx";
import { Ticks } from "./ticks.tsx";

export type BubbleActions = {
  onReply(message: Message): void;
  onEdit(message: Message): void;
  onDelete(message: Message): void;
  onReport(message: Message): void;
  onRetry(pending: PendingMessage): void;
  onDiscard(pending: PendingMessage): void;
  onJumpTo(messageId: number): void;
  /** The touch menu (long press or the "more" button): every action of the message in one list. */
  onMenu(message: Message): void;
  /** Adds my emoji, or takes it back if it is mine already. */
  onReact(message: Message, emoji: string): void;
  /** Opens the picker with every emoji. */
  onPickReaction(message: Message): void;
  onForward(message: Message): void;
};

/** Selection mode (forward or delete several): a checkbox per message, a click toggles it. */
export type Selection = { active: boolean; selected: boolean; onToggle(): void };

type Props = {
  message: Message | PendingMessage;
  mine: boolean;
  /** First of a run of messages by the same person: show the name (groups) and a full corner. */
  first: boolean;
  sender?: Member;
  showSender: boolean;
  quoted?: { message?: Message; sender?: Member } | null;
  actions: BubbleActions;
  selection?: Selection;
};

function isPending(m: Message | PendingMessage): m is PendingMessage {
  return "state" in m;
}

export function MessageBubble({
  message,
  mine,
  first,
  sender,
  showSender,
  quoted,
  actions,
  selection,
}: Props) {
  const pending = isPending(message) ? message : null;
  const stored = pending ? null : (message as Message);
  const deleted = Boolean(stored?.deleted_at);
  // Removed by moderation: a tombstone like a deleted message, but saying who removed it.
  const moderated = !deleted && Boolean(stored?.moderated_at);
  const gone = deleted || moderated;
  const receipts = useMessenger((s) => s.receipts[message.chat_id]);
  const status = pending ? pending.state : effectiveStatus(stored!.status, stored!.id, receipts);
  const senderName = sender?.display_name || sender?.username || "Unknown";
  const selecting = Boolean(selection?.active && stored);
  const actionable = stored && !gone && !selecting ? stored : null;
  const longPress = useLongPress(() => actionable && actions.onMenu(actionable));
  const [reacting, setReacting] = useState(false);
  const bar = useRef<HTMLDivElement>(null);
  // The quick bar closes on a click anywhere else, as a menu does.
  useEffect(() => {
    if (!reacting) return;
    const away = (e: PointerEvent) => {
      if (!bar.current?.contains(e.target as Node)) setReacting(false);
    };
    document.addEventListener("pointerdown", away);
    return () => document.removeEventListener("pointerdown", away);
  }, [reacting]);

  return (
    <div
      className={`group relative flex flex-col ${mine ? "items-end" : "items-start"} ${first ? "mt-2" : "mt-0.5"} ${
        selecting ? `cursor-pointer rounded-lg pl-9 ${selection?.selected ? "bg-indigo-500/10" : ""}` : ""
      }`}
      data-testid="message"
      data-selected={selecting ? selection?.selected : undefined}
      {...(selecting
        ? {
            role: "checkbox",
            "aria-checked": selection?.selected,
            "aria-label": `Select message: ${message.text || "attachment"}`,
            tabIndex: 0,
            onClick: selection?.onToggle,
            onKeyDown: (e: React.KeyboardEvent) => {
              if (e.key === " " || e.key === "Enter") {
                e.preventDefault();
                selection?.onToggle();
              }
            },
          }
        : {})}
      data-message-id={stored?.id}
      data-temp-id={message.temp_id ?? undefined}
      data-mine={mine}
      data-deleted={deleted}
      data-moderated={moderated}
    >
      {selecting ? (
        <span
          aria-hidden
          data-testid="message-checkbox"
          className={`absolute top-1/2 left-2 grid h-5 w-5 -translate-y-1/2 place-items-center rounded-full border-2 text-[11px] font-bold text-white ${
            selection?.selected
              ? "border-indigo-600 bg-indigo-600"
              : "border-slate-400 bg-white dark:bg-slate-900"
          }`}
        >
          {selection?.selected ? "✓" : ""}
        </span>
      ) : null}
      {/* The actions are positioned out of the flow, so the bubble alone gets the whole width. */}
      <div
        className={`relative flex min-w-0 max-w-[min(34rem,85%)] items-end gap-1 ${mine ? "flex-row-reverse" : ""}`}
      >
        <div
          {...(actionable ? longPress : {})}
          data-testid="message-bubble"
          className={`relative min-w-0 rounded-2xl px-3 py-1.5 shadow-sm touch:select-none touch:[-webkit-touch-callout:none] ${
            mine
              ? `bg-indigo-600 text-white ${first ? "rounded-br-md" : ""}`
              : `bg-white text-slate-900 dark:bg-slate-800 dark:text-slate-100 ${first ? "rounded-bl-md" : ""}`
          } ${pending?.state === "failed" ? "ring-2 ring-red-500" : ""}`}
        >
          {showSender && first && !mine ? (
            <p className="text-xs font-semibold text-indigo-600 dark:text-indigo-300">{senderName}</p>
          ) : null}
          {stored?.forwarded_from && !gone ? (
            <p
              data-testid="message-forwarded"
              className={`flex items-center gap-1 text-xs italic ${mine ? "text-indigo-100" : "text-slate-500 dark:text-slate-400"}`}
            >
              <ForwardIcon className="h-3 w-3 shrink-0" />
              <span className="truncate">
                Forwarded from{" "}
                <span className="font-semibold not-italic">{stored.forwarded_from.display_name}</span>
              </span>
            </p>
          ) : null}
          {quoted && !gone ? (
            <button
              type="button"
              data-testid="message-quote"
              onClick={() => quoted.message && actions.onJumpTo(quoted.message.id)}
              className={`mt-0.5 mb-1 block w-full rounded-lg border-l-4 px-2 py-1 text-left text-sm ${
                mine ? "border-white/70 bg-white/15" : "border-indigo-500 bg-indigo-50 dark:bg-slate-700/60"
              }`}
            >
              <span className="block text-xs font-semibold">
                {quoted.sender?.display_name || quoted.sender?.username || "Message"}
              </span>
              <span className="block truncate opacity-90">
                {quoted.message
                  ? quoted.message.deleted_at
                    ? "Message deleted"
                    : quoted.message.moderated_at
                      ? "Message removed by moderation"
                      : quoted.message.text || "Attachment"
                  : "Original message"}
              </span>
            </button>
          ) : null}
          {gone ? null : <MessageAttachments items={message.attachments} mine={mine} />}
          {deleted ? (
            <p className="italic opacity-70" data-testid="message-text">
              Message deleted
            </p>
          ) : moderated ? (
            <p className="flex items-center gap-1.5 italic opacity-80" data-testid="message-text">
              <FlagIcon className="h-3.5 w-3.5 shrink-0" />
              Message removed by moderation
            </p>
          ) : !message.text ? null : (
            <div
              // Only overflow-wrap: anywhere lets a 4,000-letter word shrink the bubble's minimum width.
              className={`[overflow-wrap:anywhere] ${mine ? "[&_a]:text-white" : "[&_a]:text-indigo-700 dark:[&_a]:text-indigo-300"}`}
              data-testid="message-text"
            >
              <MessageMarkdown text={message.text} />
            </div>
          )}
          {!gone && stored?.link_preview ? (
            <LinkPreviewCard preview={stored.link_preview} mine={mine} />
          ) : null}
          <p
            className={`mt-0.5 flex items-center justify-end gap-1 text-[11px] leading-none ${
              mine ? "text-indigo-100" : "text-slate-500 dark:text-slate-400"
            }`}
          >
            {stored?.pinned && !gone ? (
              <PinIcon className="h-3 w-3" data-testid="message-pinned" aria-label="Pinned" />
            ) : null}
            {stored?.edited_at && !gone ? <span data-testid="message-edited">edited</span> : null}
            <time dateTime={message.created_at}>{clockTime(message.created_at)}</time>
            {mine && !gone ? <Ticks status={status} /> : null}
          </p>
        </div>
        {pending?.state === "failed" ? (
          <div className="flex flex-col gap-1 text-xs">
            <button
              type="button"
              className="text-red-600 underline"
              data-testid="message-retry"
              onClick={() => actions.onRetry(pending)}
            >
              Retry
            </button>
            <button
              type="button"
              className="text-slate-500 underline"
              onClick={() => actions.onDiscard(pending)}
            >
              Discard
            </button>
          </div>
        ) : null}
        {actionable ? (
          <>
            {/* Above the bubble (over the padding only), so it hides none of this message's text. */}
            <div
              className={`pointer-events-none absolute bottom-full z-10 -mb-1 flex gap-0.5 rounded-full bg-white p-0.5 opacity-0 shadow-md ring-1 ring-slate-200 transition group-focus-within:pointer-events-auto group-focus-within:opacity-100 group-hover:pointer-events-auto group-hover:opacity-100 touch:hidden dark:bg-slate-800 dark:ring-slate-700 ${
                mine ? "right-2" : "left-2"
              }`}
              role="toolbar"
              aria-label="Message actions"
            >
              <ActionButton label="React" onClick={() => setReacting((v) => !v)}>
                <SmileIcon className="h-4 w-4" />
              </ActionButton>
              <ActionButton label="Reply" onClick={() => actions.onReply(actionable)}>
                <ReplyIcon className="h-4 w-4" />
              </ActionButton>
              {mine ? (
                <ActionButton label="Edit" onClick={() => actions.onEdit(actionable)}>
                  <EditIcon className="h-4 w-4" />
                </ActionButton>
              ) : null}
              <ActionButton label="Forward" onClick={() => actions.onForward(actionable)}>
                <ForwardIcon className="h-4 w-4" />
              </ActionButton>
              <ActionButton label="Delete" onClick={() => actions.onDelete(actionable)}>
                <TrashIcon className="h-4 w-4" />
              </ActionButton>
              {mine ? null : (
                <ActionButton label="Report" onClick={() => actions.onReport(actionable)}>
                  <FlagIcon className="h-4 w-4" />
                </ActionButton>
              )}
              <ActionButton
                label="More"
                testId="message-actions-more"
                onClick={() => actions.onMenu(actionable)}
              >
                <MoreIcon className="h-4 w-4" />
              </ActionButton>
            </div>
            {reacting ? (
              <div
                ref={bar}
                className={`absolute bottom-full z-20 mb-8 rounded-full bg-white p-1 shadow-lg ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700 ${
                  mine ? "right-0" : "left-0"
                }`}
              >
                <QuickReactions
                  reactions={actionable.reactions}
                  onClose={() => setReacting(false)}
                  onPick={(emoji) => {
                    setReacting(false);
                    actions.onReact(actionable, emoji);
                  }}
                  onMore={() => {
                    setReacting(false);
                    actions.onPickReaction(actionable);
                  }}
                />
              </div>
            ) : null}
            {/* In the free space beside the bubble (it is at most 85% wide), so it narrows nothing. */}
            <button
              type="button"
              aria-label="More actions"
              aria-haspopup="dialog"
              data-testid="message-more"
              onClick={() => actions.onMenu(actionable)}
              className={`icon-btn absolute bottom-0 hidden h-8 w-8 touch:inline-grid ${mine ? "right-full mr-1" : "left-full ml-1"}`}
            >
              <MoreIcon className="h-4 w-4" />
            </button>
          </>
        ) : null}
      </div>
      {actionable ? (
        <ReactionChips
          message={actionable}
          mine={mine}
          onToggle={(emoji) => actions.onReact(actionable, emoji)}
        />
      ) : null}
    </div>
  );
}

function ActionButton({
  label,
  testId,
  onClick,
  children,
}: {
  label: string;
  testId?: string;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="icon-btn h-8 w-8"
      aria-label={label}
      data-testid={testId ?? `message-${label.toLowerCase()}`}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
