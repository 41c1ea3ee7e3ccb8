import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api } from "./api.ts";
import { updateChat } from "./cache.ts";
import type { Chat, ChatState } from "./types.ts";

export type MuteSpan = "1h" | "8h" | "1d" | "forever";

/** One change of my own view of a chat, as the REST calls take it. */
export type ChatStateChange =
  | { kind: "mute"; span: MuteSpan }
  | { kind: "unmute" }
  | { kind: "archive" | "pin" | "unread"; on: boolean };

export type ChatStateEvent = Required<ChatState> & { conversation_id: number };

function request(chatId: number, change: ChatStateChange): { path: string; method: string; body?: unknown } {
  const base = `/v1/chats/${chatId}`;
  switch (change.kind) {
    case "mute":
      return { path: `${base}/mute`, method: "PUT", body: { for: change.span } };
    case "unmute":
      return { path: `${base}/mute`, method: "DELETE" };
    default:
      return { path: `${base}/${change.kind}`, method: change.on ? "PUT" : "DELETE" };
  }
}

const STATE_KEYS = ["muted", "muted_until", "archived", "pinned", "pinned_at", "marked_unread"] as const;

function stateFrom(source: ChatState): ChatState {
  return Object.fromEntries(STATE_KEYS.map((k) => [k, source[k]])) as ChatState;
}

/** Puts a chat's state (from an answer or a chat_state event) into the cached list, which re-sorts. */
export function applyChatState(qc: QueryClient, chatId: number, state: ChatState): void {
  updateChat(qc, chatId, (c) => ({ ...c, ...stateFrom(state) }));
}

/** Muted right now: a timed mute ends on its own, without waiting for the server to say so. */
export function isMuted(chat: ChatState, now = Date.now()): boolean {
  return Boolean(chat.muted && chat.muted_until && new Date(chat.muted_until).getTime() > now);
}

/**
 * What a chat adds to the unread total in the tab title: a muted chat only its mentions of me; a
 * hand-set mark counts as one.
 */
export function unreadWeight(chat: Chat): number {
  if (isMuted(chat)) return chat.unread_mentions ?? 0;
  return chat.unread_count || (chat.marked_unread ? 1 : 0);
}

/** Changes my view of a chat; the answer (the chat as I see it now) goes into the list. */
export function useChatState() {
  const qc = useQueryClient();
  return useCallback(
    async (chatId: number, change: ChatStateChange): Promise<void> => {
      const { path, method, body } = request(chatId, change);
      const chat = await api<Chat>(path, { method, body });
      applyChatState(qc, chatId, chat);
    },
    [qc],
  );
}

/** "Muted until 14:05", "Muted until Mon 9:00", or "Muted" for ever. */
export function mutedLabel(chat: ChatState, now = new Date()): string {
  if (!chat.muted_until) return "Muted";
  const until = new Date(chat.muted_until);
  if (until.getFullYear() >= 9999) return "Muted";
  const sameDay = until.toDateString() === now.toDateString();
  const time = until.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
  return sameDay
    ? `Muted until ${time}`
    : `Muted until ${until.toLocaleDateString([], { weekday: "short" })} ${time}`;
}
