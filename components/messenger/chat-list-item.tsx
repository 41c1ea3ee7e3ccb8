"use client";

import Link from "next/link";
import { Avatar } from "@/components/avatar.tsx";
import { callEntryView } from "@/components/calls/call-entry-text.ts";
import {
  BellOffIcon,
  MoreIcon,
  PhoneIncomingIcon,
  PhoneMissedIcon,
  PhoneOutgoingIcon,
  PinIcon,
} from "@/components/icons.tsx";
import { isMuted } from "@/lib/client/chat-state.ts";
import { listTime } from "@/lib/client/format.ts";
import { otherMember, typingText, usePresence, useTypingUsers } from "@/lib/client/hooks.ts";
import { effectiveStatus, useMessenger } from "@/lib/client/store.ts";
import type { Chat, Me } from "@/lib/client/types.ts";
import { useLongPress } from "@/lib/client/use-long-press.ts";
import { LIST_ROW } from "./list-keys.ts";
import { Ticks } from "./ticks.tsx";

function preview(chat: Chat, me: Me): string {
  const m = chat.last_message;
  if (!m) return chat.type === "group" ? "Group created" : "No messages yet";
  if (m.deleted_at) return "Message deleted";
  if (m.moderated_at) return "Message removed by moderation";
  const body = m.text || (m.attachments.length ? `📎 ${m.attachments[0]!.filename}` : "");
  if (chat.type === "group" && m.sender_id !== me.id) {
    const sender = chat.members.find((x) => x.id === m.sender_id);
    return `${(sender?.display_name || sender?.username || "Someone").split(" ")[0]}: ${body}`;
  }
  return body;
}

const CALL_ICON = { outgoing: PhoneOutgoingIcon, incoming: PhoneIncomingIcon, missed: PhoneMissedIcon };

/** A call entry as the last message: its icon and the viewer's wording ("Missed voice call"). */
function CallPreview({ chat, me, active }: { chat: Chat; me: Me; active: boolean }) {
  const m = chat.last_message!;
  const view = callEntryView(m.call!, m.text, me.id);
  const Icon = CALL_ICON[view.tone];
  const missed = view.tone === "missed" && !active;
  return (
    <span className={`flex min-w-0 items-center gap-1 ${missed ? "text-red-600 dark:text-red-400" : ""}`}>
      <Icon className="h-4 w-4 shrink-0" data-testid="chat-row-call-icon" />
      <span className="truncate">{view.text}</span>
    </span>
  );
}

/** The unread badge: grey when muted; a plain dot for a chat marked unread by hand. */
function UnreadBadge({ chat, active }: { chat: Chat; active: boolean }) {
  const muted = isMuted(chat);
  const tone = active
    ? "bg-white text-indigo-700"
    : muted
      ? "bg-slate-400 text-white dark:bg-slate-600"
      : "bg-indigo-600 text-white";
  if (chat.unread_count === 0 && !chat.marked_unread) return null;
  if (chat.unread_count === 0) {
    return (
      <span
        data-testid="unread-badge"
        data-muted={muted || undefined}
        className={`h-3 w-3 shrink-0 rounded-full ${tone}`}
      >
        <span className="sr-only">marked unread</span>
      </span>
    );
  }
  return (
    <span
      data-testid="unread-badge"
      data-muted={muted || undefined}
      className={`min-w-5 shrink-0 rounded-full px-1.5 text-center text-xs font-semibold leading-5 ${tone}`}
    >
      {chat.unread_count > 999 ? "999+" : chat.unread_count}
      <span className="sr-only"> unread</span>
    </span>
  );
}

type ItemProps = { chat: Chat; me: Me; active: boolean; onMenu(chat: Chat): void };

export function ChatListItem({ chat, me, active, onMenu }: ItemProps) {
  const longPress = useLongPress(() => onMenu(chat));
  const muted = isMuted(chat);
  const other = otherMember(chat, me.id);
  const presence = usePresence(other);
  const typing = typingText(chat, useTypingUsers(chat.id));
  const receipts = useMessenger((s) => s.receipts[chat.id]);
  const callEntry = Boolean(
    chat.last_message?.call && !chat.last_message.deleted_at && !chat.last_message.moderated_at,
  );
  const mine =
    !callEntry &&
    chat.last_message?.sender_id === me.id &&
    !chat.last_message.deleted_at &&
    !chat.last_message.moderated_at;
  return (
    <li className="group relative">
      <Link
        href={`/c/${chat.id}`}
        data-testid="chat-row"
        {...LIST_ROW}
        data-chat-id={chat.id}
        data-title={chat.title}
        data-pinned={chat.pinned || undefined}
        data-muted={muted || undefined}
        aria-current={active ? "page" : undefined}
        {...longPress}
        onContextMenu={(e) => {
          longPress.onContextMenu(e);
          if (e.defaultPrevented) return;
          // A right click (or the keyboard's menu key) opens the chat's menu, as Telegram's does.
          e.preventDefault();
          onMenu(chat);
        }}
        className={`mx-2 flex items-center gap-3 rounded-xl px-3 py-2.5 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${
          active ? "bg-indigo-600 text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800/70"
        }`}
      >
        <Avatar
          name={chat.title}
          seed={other?.id ?? chat.id}
          url={other ? other.avatar_url : chat.avatar_url}
          online={presence.online}
        />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span className="truncate font-medium" data-testid="chat-row-title">
              {chat.title}
            </span>
            {muted ? (
              <BellOffIcon
                className={`h-3.5 w-3.5 shrink-0 ${active ? "text-indigo-100" : "text-slate-400"}`}
                data-testid="chat-row-muted"
              />
            ) : null}
            <span className={`ml-auto shrink-0 text-xs ${active ? "text-indigo-100" : "text-slate-500"}`}>
              {chat.last_message ? listTime(chat.last_message.created_at) : ""}
            </span>
          </span>
          <span className="mt-0.5 flex items-center gap-2">
            <span
              data-testid="chat-row-preview"
              className={`flex min-w-0 flex-1 items-center gap-1 truncate text-sm ${
                active
                  ? "text-indigo-100"
                  : typing
                    ? "text-indigo-600 dark:text-indigo-400"
                    : "text-slate-500 dark:text-slate-400"
              }`}
            >
              {typing ? (
                <span data-testid="chat-row-typing">{typing}</span>
              ) : callEntry ? (
                <CallPreview chat={chat} me={me} active={active} />
              ) : (
                <>
                  {mine ? (
                    <Ticks
                      status={effectiveStatus(chat.last_message!.status, chat.last_message!.id, receipts)}
                    />
                  ) : null}
                  <span className="truncate">{preview(chat, me)}</span>
                </>
              )}
            </span>
            {chat.unread_mentions ? (
              <span
                data-testid="mention-badge"
                title="You were mentioned"
                className={`grid h-5 w-5 shrink-0 place-items-center rounded-full text-xs font-bold ${
                  active ? "bg-white text-indigo-700" : "bg-indigo-600 text-white"
                }`}
              >
                @<span className="sr-only"> mentioned you</span>
              </span>
            ) : null}
            <UnreadBadge chat={chat} active={active} />
            {chat.pinned && !chat.unread_count && !chat.marked_unread ? (
              <PinIcon
                className={`h-4 w-4 shrink-0 ${active ? "text-indigo-100" : "text-slate-400"}`}
                data-testid="chat-row-pinned"
              />
            ) : null}
          </span>
        </span>
      </Link>
      <button
        type="button"
        aria-label={`More actions for ${chat.title}`}
        title="More"
        data-testid="chat-row-more"
        onClick={() => onMenu(chat)}
        className={`pointer-events-none absolute top-2 right-4 rounded-full p-1 opacity-0 group-hover:pointer-events-auto group-hover:opacity-100 focus-visible:pointer-events-auto focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-600 [@media(hover:none)]:hidden ${
          active
            ? "bg-indigo-600 text-white"
            : "bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-300"
        }`}
      >
        <MoreIcon />
      </button>
    </li>
  );
}
