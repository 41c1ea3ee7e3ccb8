"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { Avatar } from "@/components/avatar.tsx";
import {
  ArchiveIcon,
  BackIcon,
  ComposeIcon,
  SearchIcon,
  ShieldIcon,
  UsersIcon,
} from "@/components/icons.tsx";
import { ApiError } from "@/lib/client/api.ts";
import { type ChatStateChange, unreadWeight, useChatState } from "@/lib/client/chat-state.ts";
import { useChats } from "@/lib/client/queries.ts";
import type { Chat } from "@/lib/client/types.ts";
import { ChatListItem } from "./chat-list-item.tsx";
import { ChatRowMenu } from "./chat-row-menu.tsx";
import { LIST_ROW, moveInList, useListKeys } from "./list-keys.ts";
import { MessageSearchResults } from "./message-search-results.tsx";
import { useMessengerContext } from "./messenger-provider.tsx";
import { NewChatDialog } from "./new-chat-dialog.tsx";

/** The chat list's menu actions, with the error of the last one that failed. */
function useRowActions() {
  const { realtime } = useMessengerContext();
  const changeState = useChatState();
  const [error, setError] = useState<string | null>(null);
  async function change(chat: Chat, change: ChatStateChange) {
    setError(null);
    try {
      await changeState(chat.id, change);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not change the chat. Try again.");
    }
  }
  function markRead(chat: Chat) {
    if (chat.unread_count > 0 && chat.last_message) realtime.read(chat.id, chat.last_message.id);
    if (chat.marked_unread) void change(chat, { kind: "unread", on: false });
  }
  return { error, dismiss: () => setError(null), change, markRead };
}

export function ChatList({ activeId }: { activeId: number | null }) {
  const { me } = useMessengerContext();
  const chats = useChats();
  const [filter, setFilter] = useState("");
  const fieldRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  useListKeys(listRef, fieldRef);
  const [creating, setCreating] = useState<"dialog" | "group" | null>(null);
  const [folder, setFolder] = useState<"inbox" | "archived">("inbox");
  const [menuFor, setMenuFor] = useState<number | null>(null);
  const actions = useRowActions();
  const needle = filter.trim().toLowerCase();
  const all = chats.data ?? [];
  const archived = all.filter((c) => c.archived);
  // A search looks in both folders; otherwise each folder shows its own chats.
  const shown = all.filter((c) =>
    needle
      ? c.title.toLowerCase().includes(needle) ||
        c.members.some(
          (m) =>
            m.id !== me.id &&
            (m.username.toLowerCase().includes(needle) || m.display_name.toLowerCase().includes(needle)),
        )
      : Boolean(c.archived) === (folder === "archived"),
  );
  const menuChat = all.find((c) => c.id === menuFor) ?? null;
  const rows = (
    <ul className="space-y-0.5" data-testid="chat-list">
      {shown.map((chat) => (
        <ChatListItem
          key={chat.id}
          chat={chat}
          me={me}
          active={chat.id === activeId}
          onMenu={(c) => setMenuFor(c.id)}
        />
      ))}
    </ul>
  );

  return (
    <nav aria-label="Chats" className="flex h-full min-h-0 flex-col">
      <header className="flex items-center gap-2 px-4 pt-3 pb-2">
        <Link
          href="/settings"
          data-testid="open-settings"
          aria-label={`Settings (${me.display_name || me.username})`}
          title="Settings"
          className="rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          <Avatar name={me.display_name || me.username} seed={me.id} url={me.avatar_url} size="sm" />
        </Link>
        {folder === "archived" ? (
          <button
            type="button"
            className="icon-btn"
            aria-label="Back to chats"
            data-testid="archive-back"
            onClick={() => setFolder("inbox")}
          >
            <BackIcon />
          </button>
        ) : null}
        <h1 className="flex-1 text-xl font-semibold">{folder === "archived" ? "Archived" : "Chats"}</h1>
        {me.role === "admin" ? (
          <Link
            href="/admin"
            className="icon-btn"
            aria-label="Admin console"
            title="Admin console"
            data-testid="open-admin"
          >
            <ShieldIcon />
          </Link>
        ) : null}
        <button
          type="button"
          className="icon-btn"
          aria-label="New group"
          title="New group"
          data-testid="new-group"
          onClick={() => setCreating("group")}
        >
          <UsersIcon />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="New message"
          title="New message"
          data-testid="new-chat"
          onClick={() => setCreating("dialog")}
        >
          <ComposeIcon />
        </button>
      </header>
      <div className="px-4 pb-2">
        <label className="relative block">
          <span className="sr-only">Search chats and messages</span>
          <span className="pointer-events-none absolute inset-y-0 left-3 grid place-items-center text-slate-400">
            <SearchIcon />
          </span>
          <input
            type="search"
            data-testid="chat-filter"
            placeholder="Search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            ref={fieldRef}
            onKeyDown={(e) => moveInList(e, listRef.current, fieldRef.current)}
            className="input rounded-full bg-slate-100 pl-10 dark:bg-slate-800/70"
          />
        </label>
      </div>
      {actions.error ? (
        <p
          role="alert"
          className="mx-4 mb-2 flex items-start gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950/60 dark:text-red-300"
        >
          <span className="flex-1">{actions.error}</span>
          <button type="button" className="underline" onClick={actions.dismiss}>
            Dismiss
          </button>
        </p>
      ) : null}
      <div ref={listRef} className="min-h-0 flex-1 overflow-y-auto pb-2">
        {folder === "inbox" && !needle && archived.length > 0 ? (
          <ArchivedRow chats={archived} onOpen={() => setFolder("archived")} />
        ) : null}
        {chats.isPending ? (
          <p className="px-6 py-4 text-sm text-slate-500">Loading chats…</p>
        ) : chats.isError ? (
          <p role="alert" className="px-6 py-4 text-sm text-red-600">
            Could not load your chats.{" "}
            <button type="button" className="underline" onClick={() => chats.refetch()}>
              Retry
            </button>
          </p>
        ) : needle ? (
          <>
            {shown.length ? (
              <section aria-label="Chats">
                <h2 className="px-6 pt-1 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  Chats
                </h2>
                {rows}
              </section>
            ) : (
              <p className="px-6 pt-3 text-sm text-slate-500" data-testid="chat-list-empty">
                No chats match.
              </p>
            )}
            <MessageSearchResults query={filter} activeId={activeId} />
          </>
        ) : shown.length === 0 ? (
          <div className="px-6 py-10 text-center text-sm text-slate-500" data-testid="chat-list-empty">
            {folder === "archived" ? (
              "No archived chats."
            ) : (
              <>
                <p>No chats yet.</p>
                <button type="button" className="btn-primary mt-4" onClick={() => setCreating("dialog")}>
                  Start a conversation
                </button>
              </>
            )}
          </div>
        ) : (
          rows
        )}
      </div>
      <NewChatDialog mode={creating} onClose={() => setCreating(null)} />
      <ChatRowMenu
        chat={menuChat}
        onClose={() => setMenuFor(null)}
        onChange={(chat, change) => void actions.change(chat, change)}
        onMarkRead={actions.markRead}
      />
    </nav>
  );
}

/** The way into the archive, at the top of the list, with how many unread messages wait there. */
function ArchivedRow({ chats, onOpen }: { chats: Chat[]; onOpen(): void }) {
  const unread = chats.reduce((sum, c) => sum + unreadWeight(c), 0);
  return (
    <button
      type="button"
      data-testid="open-archive"
      {...LIST_ROW}
      onClick={onOpen}
      className="mx-2 flex w-[calc(100%-1rem)] items-center gap-3 rounded-xl px-3 py-2.5 text-left outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:bg-slate-800/70"
    >
      <span className="grid h-12 w-12 shrink-0 place-items-center rounded-full bg-slate-200 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
        <ArchiveIcon />
      </span>
      <span className="min-w-0 flex-1">
        <span className="block font-medium">Archived chats</span>
        <span className="block truncate text-sm text-slate-500 dark:text-slate-400">
          {chats.map((c) => c.title).join(", ")}
        </span>
      </span>
      {unread > 0 ? (
        <span className="min-w-5 shrink-0 rounded-full bg-slate-400 px-1.5 text-center text-xs font-semibold leading-5 text-white dark:bg-slate-600">
          {unread}
          <span className="sr-only"> unread</span>
        </span>
      ) : null}
    </button>
  );
}
