"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Fragment, useEffect, useMemo, useRef, useState } from "react";
import { CallEntryRow } from "@/components/calls/call-entry-row.tsx";
import { ArrowDownIcon } from "@/components/icons.tsx";
import { reachesNewest } from "@/lib/client/cache.ts";
import { dayLabel, sameDay } from "@/lib/client/format.ts";
import { canPin } from "@/lib/client/pins.ts";
import { useMessages } from "@/lib/client/queries.ts";
import { useToggleReaction } from "@/lib/client/reactions.ts";
import { type JumpTarget, loadNewest, useJumpTarget } from "@/lib/client/search.ts";
import { useMessenger } from "@/lib/client/store.ts";
import type { Chat, Me, Message, PendingMessage } from "@/lib/client/types.ts";
import { useNewerPages, useSearchHit } from "./history-window.ts";
import { type BubbleActions, MessageBubble } from "./message-bubble.tsx";
import { type MenuTarget, MessageMenu } from "./message-menu.tsx";
import { EmojiPickerDialog } from "./reaction-picker.tsx";

const GROUP_WINDOW_MS = 5 * 60_000;
const NO_PENDING: PendingMessage[] = [];

type Props = {
  chat: Chat;
  me: Me;
  /** What was unread when the chat was opened (ids in (after, upTo]): the unread marker goes before it. */
  unread: { after: number; upTo: number };
  actions: Omit<BubbleActions, "onJumpTo" | "onMenu" | "onReact" | "onPickReaction"> & {
    onPin(message: Message, pinned: boolean): void;
    onSelect(message: Message): void;
  };
  /** Bumped when the user sends, to bring the newest message into view. */
  scrollSignal: number;
  /** A message to scroll to and highlight (a search hit, a pin); a new `seq` shows it again. */
  highlight: JumpTarget | null;
  /** In selection mode: the chosen message ids. */
  selected: ReadonlySet<number> | null;
  onToggleSelect(messageId: number): void;
};

/**
 * History in a column-reverse scroller: it starts at the bottom and stays there as messages arrive,
 * while older pages load above without moving what the reader is looking at.
 */
export function MessageList({
  chat,
  me,
  unread,
  actions,
  scrollSignal,
  highlight,
  selected,
  onToggleSelect,
}: Props) {
  const qc = useQueryClient();
  const history = useMessages(chat.id);
  const pending = useMessenger((s) => s.pending[chat.id] ?? NO_PENDING);
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [seenNewest, setSeenNewest] = useState(0);
  const [menu, setMenu] = useState<MenuTarget | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [pickerFor, setPickerFor] = useState<number | null>(null);
  const toggleReaction = useToggleReaction();

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);

  const messages = useMemo(() => (history.data?.pages.flat() ?? []).slice().reverse(), [history.data]);
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);
  const newest = messages[messages.length - 1]?.id ?? 0;
  // After a jump far back the list is a window of history that may not reach the newest message.
  const hasNewest = history.data ? reachesNewest(history.data) : true;
  const membersById = useMemo(() => new Map(chat.members.map((m) => [m.id, m])), [chat.members]);
  const react = (message: Message, emoji: string) =>
    toggleReaction(byId.get(message.id) ?? message, emoji).catch((e: Error) =>
      setCopied(`Could not react: ${e.message}`),
    );
  const picking = pickerFor === null ? undefined : byId.get(pickerFor);

  useEffect(() => {
    if (atBottom) setSeenNewest(newest);
  }, [atBottom, newest]);
  const newCount = atBottom ? 0 : messages.filter((m) => m.id > seenNewest && m.sender_id !== me.id).length;

  useEffect(() => {
    const sentinel = topSentinel.current;
    if (!sentinel) return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting && history.hasNextPage && !history.isFetchingNextPage) {
          void history.fetchNextPage();
        }
      },
      { root: scroller.current, rootMargin: "400px 0px 0px 0px" },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [history.hasNextPage, history.isFetchingNextPage, history.fetchNextPage]);

  const newer = useNewerPages(scroller, history, newest);
  useSearchHit({
    scroller,
    chatId: chat.id,
    highlight,
    loaded: byId,
    ready: !history.isPending,
    onError: setCopied,
  });

  function scrollToBottom(smooth = true) {
    if (!hasNewest) void loadNewest(qc, chat.id);
    scroller.current?.scrollTo({ top: 0, behavior: smooth && hasNewest ? "smooth" : "auto" });
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the composer sends.
  useEffect(() => {
    if (scrollSignal) scrollToBottom(false);
  }, [scrollSignal]);

  const firstUnread = messages.find(
    (m) => m.id > unread.after && m.id <= unread.upTo && m.sender_id !== me.id,
  )?.id;
  // A kept message restored after a reload may already be stored (its ACK was lost): show it once.
  const stored = new Set(messages.map((m) => m.temp_id).filter(Boolean));
  const rows: Array<Message | PendingMessage> = [
    ...messages,
    ...pending.filter((p) => !stored.has(p.temp_id)),
  ];

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        data-testid="message-list"
        onScroll={(e) => {
          setAtBottom(e.currentTarget.scrollTop > -120);
          newer.onScroll();
        }}
        className="flex h-full flex-col-reverse overflow-y-auto px-3 py-2 md:px-6"
        role="log"
        aria-label={`Messages with ${chat.title}`}
      >
        <div className="mx-auto w-full max-w-3xl">
          <div ref={topSentinel} />
          {history.isFetchingNextPage ? (
            <p className="py-2 text-center text-xs text-slate-500">Loading…</p>
          ) : null}
          {!history.hasNextPage && history.isSuccess ? (
            <p className="py-4 text-center text-xs text-slate-500" data-testid="history-start">
              {messages.length
                ? "This is the beginning of the conversation."
                : "No messages here yet. Say hi!"}
            </p>
          ) : null}
          {history.isPending ? (
            <p className="py-6 text-center text-sm text-slate-500">Loading messages…</p>
          ) : null}
          {history.isError ? (
            <p role="alert" className="py-6 text-center text-sm text-red-600">
              Could not load messages.{" "}
              <button type="button" className="underline" onClick={() => history.refetch()}>
                Retry
              </button>
            </p>
          ) : null}
          {rows.map((m, i) => {
            const prev = rows[i - 1];
            const newDay = !prev || !sameDay(prev.created_at, m.created_at);
            const senderId = "sender_id" in m ? m.sender_id : me.id;
            const prevSender = prev ? ("sender_id" in prev ? prev.sender_id : me.id) : null;
            const first =
              newDay ||
              prevSender !== senderId ||
              new Date(m.created_at).getTime() - new Date(prev!.created_at).getTime() > GROUP_WINDOW_MS ||
              ("id" in m && m.id === firstUnread) ||
              Boolean(prev && "call" in prev && prev.call);
            const quotedId = m.reply_to_id;
            const quotedMessage = quotedId ? byId.get(quotedId) : undefined;
            const mine = senderId === me.id;
            return (
              <Fragment key={"id" in m ? m.id : m.temp_id}>
                {newDay ? (
                  <div className="sticky top-1 z-10 my-3 flex justify-center">
                    <span className="rounded-full bg-slate-200/90 px-3 py-0.5 text-xs font-medium text-slate-600 backdrop-blur dark:bg-slate-800/90 dark:text-slate-300">
                      {dayLabel(m.created_at)}
                    </span>
                  </div>
                ) : null}
                {"id" in m && m.id === firstUnread ? (
                  <div
                    data-testid="unread-marker"
                    className="my-3 flex items-center gap-3 text-xs font-medium text-indigo-600 dark:text-indigo-300"
                  >
                    <span className="h-px flex-1 bg-indigo-300 dark:bg-indigo-800" />
                    Unread messages
                    <span className="h-px flex-1 bg-indigo-300 dark:bg-indigo-800" />
                  </div>
                ) : null}
                {"call" in m && m.call && !m.deleted_at && !m.moderated_at ? (
                  <CallEntryRow message={m} call={m.call} meId={me.id} dialog={chat.type === "dialog"} />
                ) : (
                  <MessageBubble
                    message={m}
                    mine={mine}
                    first={first}
                    sender={membersById.get(senderId)}
                    showSender={chat.type === "group"}
                    quoted={
                      quotedId
                        ? {
                            message: quotedMessage,
                            sender: quotedMessage ? membersById.get(quotedMessage.sender_id) : undefined,
                          }
                        : null
                    }
                    selection={
                      "id" in m
                        ? {
                            active: selected !== null,
                            selected: selected?.has(m.id) ?? false,
                            onToggle: () => onToggleSelect(m.id),
                          }
                        : undefined
                    }
                    actions={{
                      ...actions,
                      onJumpTo: (id) => useJumpTarget.getState().jump(chat.id, id, "flash"),
                      onMenu: (message) => setMenu({ message, mine, canPin: canPin(chat) }),
                      onReact: react,
                      onPickReaction: (message) => setPickerFor(message.id),
                    }}
                  />
                )}
              </Fragment>
            );
          })}
          {history.isFetchingPreviousPage ? (
            <p className="py-2 text-center text-xs text-slate-500">Loading…</p>
          ) : null}
          <div ref={newer.sentinel} />
        </div>
      </div>
      <MessageMenu
        target={menu}
        onClose={() => setMenu(null)}
        onReply={actions.onReply}
        onEdit={actions.onEdit}
        onDelete={actions.onDelete}
        onReport={actions.onReport}
        onCopied={(ok) => setCopied(ok ? "Message copied" : "Could not copy the message")}
        onReact={react}
        onPickReaction={(message) => setPickerFor(message.id)}
        onPin={actions.onPin}
        onForward={actions.onForward}
        onSelect={actions.onSelect}
      />
      <EmojiPickerDialog
        open={picking !== undefined}
        reactions={picking?.reactions}
        onClose={() => setPickerFor(null)}
        onPick={(emoji) => {
          if (picking) void react(picking, emoji);
          setPickerFor(null);
        }}
      />
      <p
        role="status"
        data-testid="copy-status"
        className={`pointer-events-none absolute bottom-4 left-1/2 -translate-x-1/2 rounded-full bg-slate-900/90 px-3 py-1 text-sm text-white shadow-lg dark:bg-slate-100/90 dark:text-slate-900 ${copied ? "" : "sr-only"}`}
      >
        {copied}
      </p>
      {!atBottom || !hasNewest ? (
        <button
          type="button"
          data-testid="jump-to-latest"
          aria-label={newCount ? `Jump to latest, ${newCount} new` : "Jump to latest"}
          onClick={() => scrollToBottom()}
          className="absolute right-4 bottom-4 grid h-11 w-11 place-items-center rounded-full bg-white text-slate-700 shadow-lg ring-1 ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700"
        >
          <ArrowDownIcon />
          {newCount ? (
            <span
              data-testid="jump-count"
              className="absolute -top-2 -right-1 min-w-5 rounded-full bg-indigo-600 px-1 text-center text-xs font-semibold leading-5 text-white"
            >
              {newCount}
            </span>
          ) : null}
        </button>
      ) : null}
    </div>
  );
}
