import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "./api.ts";
import { chatsKey, type HistoryParam, messagesKey, PAGE_SIZE } from "./cache.ts";
import { useMessenger } from "./store.ts";
import type { Chat, Message, PublicUser } from "./types.ts";

export { PAGE_SIZE };

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

function historyPage(chatId: number, param: HistoryParam): Promise<Message[]> {
  const base = `/v1/chats/${chatId}/messages?limit=${PAGE_SIZE}`;
  if (param === undefined) return api<Message[]>(base);
  if (typeof param === "number") return api<Message[]>(`${base}&before_id=${param}`);
  if ("around" in param) return api<Message[]>(`${base}&around_id=${param.around}`);
  // after_id answers oldest first; pages are newest first.
  return api<Message[]>(`${base}&after_id=${param.after}`).then((page) => page.reverse());
}

/**
 * History, newest page first; older pages load as the user scrolls up. The socket keeps page one
 * fresh. After a jump to an old message (showMessage) the first page is a window around it, and
 * newer pages load as the user scrolls down ("previous" pages in react-query's terms).
 */
export function useMessages(chatId: number) {
  return useInfiniteQuery({
    queryKey: messagesKey(chatId),
    queryFn: ({ pageParam }) => historyPage(chatId, pageParam),
    initialPageParam: undefined as HistoryParam,
    getNextPageParam: (last, _all, param): HistoryParam => {
      const oldest = last[last.length - 1];
      // A window may be short at either end: ask once more when it is not empty.
      const full =
        typeof param === "object" && "around" in param ? last.length > 0 : last.length === PAGE_SIZE;
      return full && oldest ? oldest.id : undefined;
    },
    getPreviousPageParam: (first, _all, param): HistoryParam => {
      if (param === undefined || typeof param === "number") return undefined;
      if ("after" in param && first.length < PAGE_SIZE) return undefined;
      return { after: first[0]?.id ?? ("after" in param ? param.after : param.around) };
    },
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
