"use client";

import Link from "next/link";
import { useId } from "react";
import { Avatar } from "@/components/avatar.tsx";
import { CallButtons } from "@/components/calls/call-buttons.tsx";
import { BackIcon, InfoIcon, SearchIcon } from "@/components/icons.tsx";
import { otherMember, typingText, useNow, usePresence, useTypingUsers } from "@/lib/client/hooks.ts";
import { lastSeen } from "@/lib/client/relative-time.ts";
import { presenceOf, useMessenger } from "@/lib/client/store.ts";
import type { Chat, Me } from "@/lib/client/types.ts";

function GroupOnline({ chat, me }: { chat: Chat; me: Me }) {
  const presence = useMessenger((s) => s.presence);
  const viewsFrom = useMessenger((s) => s.presenceViewsFrom);
  const online = chat.members.filter(
    (m) => m.id === me.id || presenceOf(presence[m.id], m, viewsFrom).online,
  ).length;
  const members = `${chat.members.length} member${chat.members.length === 1 ? "" : "s"}`;
  return <>{online > 1 ? `${members}, ${online} online` : members}</>;
}

export function ConversationHeader({
  chat,
  me,
  onInfo,
  onSearch,
}: {
  chat: Chat;
  me: Me;
  onInfo(): void;
  onSearch(): void;
}) {
  const other = otherMember(chat, me.id);
  const presence = usePresence(other);
  const typing = typingText(chat, useTypingUsers(chat.id));
  useNow(30_000); // "last seen 3 min ago" moves on
  const titleId = useId();
  const statusId = useId();

  return (
    <header className="flex items-center gap-1 border-b border-slate-200 bg-white px-2 py-2 dark:border-slate-800 dark:bg-slate-900 sm:gap-2 md:px-4">
      <Link href="/" className="icon-btn md:hidden" aria-label="Back to chats" data-testid="back-to-chats">
        <BackIcon />
      </Link>
      <button
        type="button"
        onClick={onInfo}
        data-testid="conversation-header-info"
        className="flex min-w-0 flex-1 items-center gap-3 rounded-lg px-1 py-0.5 text-left focus-visible:outline-2 focus-visible:outline-indigo-600"
        // Named by the chat alone; the presence or typing line is its description.
        aria-labelledby={titleId}
        aria-describedby={statusId}
      >
        <Avatar
          name={chat.title}
          seed={other?.id ?? chat.id}
          url={other ? other.avatar_url : chat.avatar_url}
          size="sm"
        />
        <span className="min-w-0">
          <span id={titleId} className="block truncate font-semibold" data-testid="conversation-title">
            {chat.title}
          </span>
          <span
            id={statusId}
            data-testid="conversation-status"
            className={`block truncate text-xs ${typing || presence.online ? "text-indigo-600 dark:text-indigo-300" : "text-slate-500"}`}
          >
            {other?.deleted ? (
              "account deleted"
            ) : typing ? (
              <span data-testid="typing-indicator">{typing}</span>
            ) : chat.type === "group" ? (
              <GroupOnline chat={chat} me={me} />
            ) : presence.online ? (
              "online"
            ) : (
              lastSeen(presence.last_seen_at)
            )}
          </span>
        </span>
      </button>
      {/* Nobody answers a deleted account: no call buttons, as no composer. */}
      {other?.deleted ? null : <CallButtons chat={chat} />}
      <button
        type="button"
        className="icon-btn"
        aria-label="Search in this chat"
        title="Search in this chat"
        data-testid="open-chat-search"
        onClick={onSearch}
      >
        <SearchIcon />
      </button>
      {/* On a phone the header itself opens the info, as in Telegram: the name keeps the room. */}
      <button
        type="button"
        className="icon-btn hidden sm:inline-grid"
        aria-label="Chat info"
        data-testid="open-chat-info"
        onClick={onInfo}
      >
        <InfoIcon />
      </button>
    </header>
  );
}
