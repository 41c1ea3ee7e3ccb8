import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "./api.ts";
import { chatsKey, messagesKey } from "./cache.ts";
import { useMessenger } from "./store.ts";
import type { Chat, Message, PublicUser } from "./types.ts";

export const PAGE_SIZE = 50;

export function useChats() {
  return useQuery({
    queryKey: chatsKey,
    queryFn: async () => {
      const requestedAt = Date.now();
      const chats = await api<Chat[]>("/v1/chats?limit=500");
      const store = useMessenger.getState();
      store.setPresenceViewsFrom(requestedAt);
      // Reads sent while this request was on its way are not in it yet.
      return chats.map((c) => {
        const read = store.readUpTo[c.id] ?? 0;
        return c.last_message && c.last_message.id <= read
          ? { ...c, unread_count: 0, unread_mentions: 0, last_read_id: Math.max(c.last_read_id, read) }
          : c;
      });
    },
  });
}

export function useChat(chatId: number | null) {
  const chats = useChats();
  return { ...chats, chat: chats.data?.find((c) => c.id === chatId) ?? null };
}

/** History, newest page first; older pages load as the user scrolls up. The socket keeps page one fresh. */
export function useMessages(chatId: number) {
  return useInfiniteQuery({
    queryKey: messagesKey(chatId),
    queryFn: ({ pageParam }) =>
      api<Message[]>(
        `/v1/chats/${chatId}/messages?limit=${PAGE_SIZE}${pageParam ? `&before_id=${pageParam}` : ""}`,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length < PAGE_SIZE ? undefined : last[last.length - 1]!.id),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useUserSearch(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: ["users", q],
    queryFn: () => api<PublicUser[]>(`/v1/users?query=${encodeURIComponent(q)}&limit=20`),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}
