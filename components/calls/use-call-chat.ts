"use client";

import { useChat } from "@/lib/client/queries.ts";
import type { Chat, Member } from "@/lib/client/types.ts";

export function memberName(member: Pick<Member, "display_name" | "username"> | undefined): string {
  return member?.display_name || member?.username || "Someone";
}

/** The chat a call belongs to, with the names the call screens show. */
export function useCallChat(chatId: number) {
  const { chat } = useChat(chatId);
  return {
    chat,
    member: (userId: number) => chat?.members.find((m) => m.id === userId),
    nameOf: (userId: number) => memberName(chat?.members.find((m) => m.id === userId)),
  };
}

/** "Call with Bob" or "Group call in Friends": the call screen's accessible name. */
export function callScreenLabel(chat: Chat | null, group: boolean): string {
  if (!chat) return group ? "Group call" : "Call";
  return group ? `Group call in ${chat.title}` : `Call with ${chat.title}`;
}
