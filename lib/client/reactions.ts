import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { api } from "./api.ts";
import { findMessage, mapMessages, updateChat } from "./cache.ts";
import type { Message, Reaction } from "./types.ts";

export type ReactionEvent = {
  conversation_id: number;
  message_id: number;
  emoji: string;
  user_id: number;
  action: "add" | "remove";
  reactions: { emoji: string; count: number }[];
};

export type Reactor = { id: number; username: string; display_name: string };
export type ReactorsAnswer = { message_id: number; reactions: (Reaction & { users: Reactor[] })[] };

export const reactionsPath = (m: Pick<Message, "chat_id" | "id">, emoji?: string) =>
  `/v1/chats/${m.chat_id}/messages/${m.id}/reactions${emoji ? `/${encodeURIComponent(emoji)}` : ""}`;

/** Puts a message's reactions wherever it is cached (its history page, the chat list's preview). */
export function setReactions(
  qc: QueryClient,
  chatId: number,
  messageId: number,
  reactions: Reaction[],
): void {
  const apply = (m: Message) => (m.id === messageId ? { ...m, reactions } : m);
  mapMessages(qc, chatId, apply);
  updateChat(qc, chatId, (c) => (c.last_message ? { ...c, last_message: apply(c.last_message) } : c));
  void qc.invalidateQueries({ queryKey: ["reactors", messageId] });
}

/**
 * The event's counts are everyone's; `me` is mine: it changes only when the event is my own doing
 * (another tab or device), else it stays as I last knew it.
 */
export function reactionsAfter(before: Reaction[], event: ReactionEvent, meId: number): Reaction[] {
  return event.reactions.map(({ emoji, count }) => ({
    emoji,
    count,
    me:
      event.user_id === meId && emoji === event.emoji
        ? event.action === "add"
        : (before.find((r) => r.emoji === emoji)?.me ?? false),
  }));
}

export function applyReactionEvent(qc: QueryClient, event: ReactionEvent, meId: number): void {
  const before = findMessage(qc, event.conversation_id, event.message_id)?.reactions ?? [];
  setReactions(qc, event.conversation_id, event.message_id, reactionsAfter(before, event, meId));
}

/** Adds my emoji, or takes it back when it is already mine; the answer is the message's new state. */
export function useToggleReaction() {
  const qc = useQueryClient();
  return async (message: Message, emoji: string): Promise<void> => {
    const mine = message.reactions?.some((r) => r.emoji === emoji && r.me) ?? false;
    const answer = await api<{ reactions: Reaction[] }>(reactionsPath(message, emoji), {
      method: mine ? "DELETE" : "PUT",
    });
    setReactions(qc, message.chat_id, message.id, answer.reactions);
  };
}
