"use client";

import Link from "next/link";
import { useState } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { ComposeIcon, SearchIcon, ShieldIcon, UsersIcon } from "@/components/icons.tsx";
import { useChats } from "@/lib/client/queries.ts";
import { ChatListItem } from "./chat-list-item.tsx";
import { MessageSearchResults } from "./message-search-results.tsx";
import { useMessengerContext } from "./messenger-provider.tsx";
import { NewChatDialog } from "./new-chat-dialog.tsx";

export function ChatList({ activeId }: { activeId: number | null }) {
  const { me } = useMessengerContext();
  const chats = useChats();
  const [filter, setFilter] = useState("");
  const [creating, setCreating] = useState<"dialog" | "group" | null>(null);
  const needle = filter.trim().toLowerCase();
  const shown = (chats.data ?? []).filter(
    (c) =>
      !needle ||
      c.title.toLowerCase().includes(needle) ||
      c.members.some(
        (m) =>
          m.id !== me.id &&
          (m.username.toLowerCase().includes(needle) || m.display_name.toLowerCase().includes(needle)),
      ),
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
        <h1 className="flex-1 text-xl font-semibold">Chats</h1>
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
            className="input rounded-full bg-slate-100 pl-10 dark:bg-slate-800/70"
          />
        </label>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto pb-2">
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
                <ul className="space-y-0.5" data-testid="chat-list">
                  {shown.map((chat) => (
                    <ChatListItem key={chat.id} chat={chat} me={me} active={chat.id === activeId} />
                  ))}
                </ul>
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
            <p>No chats yet.</p>
            <button type="button" className="btn-primary mt-4" onClick={() => setCreating("dialog")}>
              Start a conversation
            </button>
          </div>
        ) : (
          <ul className="space-y-0.5" data-testid="chat-list">
            {shown.map((chat) => (
              <ChatListItem key={chat.id} chat={chat} me={me} active={chat.id === activeId} />
            ))}
          </ul>
        )}
      </div>
      <NewChatDialog mode={creating} onClose={() => setCreating(null)} />
    </nav>
  );
}
