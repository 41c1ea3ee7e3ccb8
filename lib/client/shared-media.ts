import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "./api.ts";
import type { Attachment } from "./types.ts";

export type SharedKind = "media" | "files";
export type SharedItem = {
  attachment: Attachment;
  message_id: number;
  sender_id: number;
  created_at: string;
};
type SharedPage = { items: SharedItem[]; next_cursor: string | null };

/** A chat's shared photos and videos, or its files, newest first, a page at a time. */
export function useSharedMedia(chatId: number, kind: SharedKind) {
  return useInfiniteQuery({
    queryKey: ["shared-media", chatId, kind],
    queryFn: ({ pageParam }) =>
      api<SharedPage>(
        `/v1/chats/${chatId}/media?kind=${kind}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    // New files arrive with messages; opening the panel again shows them.
    staleTime: 0,
  });
}
