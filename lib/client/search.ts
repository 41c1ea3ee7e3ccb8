import { type QueryClient, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { create } from "zustand";
import { api } from "./api.ts";
import { type MessagePages, messagesKey, PAGE_SIZE } from "./cache.ts";
import type { Message } from "./types.ts";

/** One hit of GET /v1/search (README, "Message search"). */
export type SearchHit = {
  message: Message;
  chat_id: number;
  chat_type: "dialog" | "group";
  chat_title: string;
  snippet: string;
  highlights: Array<[number, number]>;
  match: "word" | "partial";
};

type SearchPage = { results: SearchHit[]; next_cursor: string | null };

/** The value once it has stopped changing for `ms`: one request per pause in typing, not per key. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Message search, newest first, page by page; `chatId` narrows it to one chat. */
export function useMessageSearch(query: string, chatId?: number) {
  const q = useDebounced(query.trim());
  return useInfiniteQuery({
    queryKey: ["search", chatId ?? null, q],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ q, limit: "30" });
      if (chatId) params.set("chat_id", String(chatId));
      if (pageParam) params.set("cursor", pageParam);
      return api<SearchPage>(`/v1/search?${params}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: q.length > 0,
    staleTime: 30_000,
  });
}

/** The snippet cut into plain text and matched parts, for text nodes and <mark> elements. */
export function snippetParts(hit: Pick<SearchHit, "snippet" | "highlights">) {
  const parts: Array<{ text: string; marked: boolean }> = [];
  let at = 0;
  for (const [start, end] of hit.highlights) {
    if (start > at) parts.push({ text: hit.snippet.slice(at, start), marked: false });
    parts.push({ text: hit.snippet.slice(start, end), marked: true });
    at = end;
  }
  if (at < hit.snippet.length) parts.push({ text: hit.snippet.slice(at), marked: false });
  return parts;
}

/**
 * Replaces the loaded history with the page around a message that is not loaded (a search hit far
 * back): the list then pages on older and newer from there (useMessages).
 */
export async function loadAround(qc: QueryClient, chatId: number, messageId: number): Promise<void> {
  const page = await api<Message[]>(`/v1/chats/${chatId}/messages?limit=${PAGE_SIZE}&around_id=${messageId}`);
  await qc.cancelQueries({ queryKey: messagesKey(chatId) });
  qc.setQueryData<MessagePages>(messagesKey(chatId), {
    pages: [page],
    pageParams: [{ around: messageId }],
  });
}

/** Back to the newest page, after a jump far back. */
export async function loadNewest(qc: QueryClient, chatId: number): Promise<void> {
  await qc.resetQueries({ queryKey: messagesKey(chatId), exact: true });
}

/**
 * A message to open a chat at (a search hit, a pin, a quoted reply): the conversation loads the page
 * around it when it is not loaded, scrolls to it and highlights it. `seq` makes picking the same
 * message twice show it again.
 */
export type JumpTarget = { chatId: number; messageId: number; seq: number; mode: JumpMode };
/** A search hit stays marked while it is the current one; a pin or a quoted reply flashes once. */
export type JumpMode = "hit" | "flash";

export const useJumpTarget = create<{
  target: JumpTarget | null;
  jump(chatId: number, messageId: number, mode?: JumpMode): void;
  clear(chatId: number): void;
}>((set) => ({
  target: null,
  clear: (chatId) => set((s) => (s.target?.chatId === chatId ? { target: null } : s)),
  jump: (chatId, messageId, mode = "hit") =>
    set((s) => ({ target: { chatId, messageId, mode, seq: (s.target?.seq ?? 0) + 1 } })),
}));
