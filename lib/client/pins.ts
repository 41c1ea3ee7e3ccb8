import type { QueryClient } from "@tanstack/react-query";
import { useQuery } from "@tanstack/react-query";
import { api } from "./api.ts";
import { mapMessages, updateChat } from "./cache.ts";
import type { Chat, Pin } from "./types.ts";

export const pinsKey = (chatId: number) => ["pins", chatId] as const;

/** The chat's pins, newest first; message_pin events refetch them. */
export function usePins(chatId: number) {
  return useQuery({
    queryKey: pinsKey(chatId),
    queryFn: () => api<Pin[]>(`/v1/chats/${chatId}/pins`),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Dialog members pin; in groups the owner and admins (the server decides; this only hides buttons). */
export const canPin = (chat: Chat) => chat.type === "dialog" || chat.role !== "member";

export function setPinned(chatId: number, messageId: number, pinned: boolean): Promise<unknown> {
  return api(`/v1/chats/${chatId}/messages/${messageId}/pin`, { method: pinned ? "PUT" : "DELETE" });
}

export type PinEvent = { conversation_id: number; message_id: number; pinned: boolean };

/** message_pin from the socket (or our own request): the bubble's flag, the bar's list. */
export function applyPinEvent(qc: QueryClient, event: PinEvent): void {
  const { conversation_id: chatId, message_id: messageId, pinned } = event;
  mapMessages(qc, chatId, (m) => (m.id === messageId ? { ...m, pinned } : m));
  if (pinned) updateChat(qc, chatId, (c) => ({ ...c, pinned_message_id: messageId }));
  void qc.invalidateQueries({ queryKey: pinsKey(chatId) });
}
