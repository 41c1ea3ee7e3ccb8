import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { Chat, Message } from "./types.ts";

/** react-query keys and cache edits for what the socket reports, so screens update without refetching. */
export const chatsKey = ["chats"] as const;
export const messagesKey = (chatId: number) => ["messages", chatId] as const;

export const PAGE_SIZE = 50;

/**
 * Where a page of history starts: the newest page (undefined), older than an id (scrolling up),
 * newer than an id (scrolling down after a jump), or around a message (a search hit far back).
 */
export type HistoryParam = undefined | number | { after: number } | { around: number };
export type MessagePages = InfiniteData<Message[], HistoryParam>;

/** Whether the loaded history reaches the newest message (not a window around an old one). */
export function reachesNewest(data: { pages: Message[][]; pageParams: unknown[] }): boolean {
  const first = data.pageParams[0] as HistoryParam;
  if (first === undefined || typeof first === "number") return true;
  return "after" in first && (data.pages[0]?.length ?? 0) < PAGE_SIZE;
}

/** As the server orders the list: pinned chats first (the latest pin on top), then by activity. */
function byActivity(a: Chat, b: Chat): number {
  const pins = (b.pinned_at ?? "").localeCompare(a.pinned_at ?? "");
  return pins || b.last_activity_at.localeCompare(a.last_activity_at) || b.id - a.id;
}

/**
 * Fetches again with a request that starts now. react-query would otherwise join a first load that
 * is already on its way, whose answer may have been read before what the caller just learned.
 */
export async function refetchFresh(qc: QueryClient, queryKey: readonly unknown[]): Promise<void> {
  await qc.cancelQueries({ queryKey });
  await qc.invalidateQueries({ queryKey });
}

/**
 * A socket event applied while the same data is being fetched would be overwritten by the answer,
 * which may have been read before the event happened (a message sent while its chat was opening
 * vanished). Fetching again after the event makes the answer include it.
 */
function refetchIfInFlight(qc: QueryClient, queryKey: readonly unknown[]): void {
  const state = qc.getQueryState(queryKey);
  // Loading an older page of history is not affected: the event goes into the first page.
  const olderPage = (state?.fetchMeta as { fetchMore?: unknown } | null)?.fetchMore;
  if (state?.fetchStatus === "fetching" && !olderPage) void refetchFresh(qc, queryKey);
}

export function setChats(qc: QueryClient, update: (chats: Chat[]) => Chat[]): void {
  qc.setQueryData<Chat[]>(chatsKey, (chats) => (chats ? update(chats).sort(byActivity) : chats));
  refetchIfInFlight(qc, chatsKey);
}

export function updateChat(qc: QueryClient, chatId: number, update: (chat: Chat) => Chat): void {
  setChats(qc, (chats) => chats.map((c) => (c.id === chatId ? update(c) : c)));
}

/** Inserts or replaces a message in the loaded history (pages are newest first). */
export function upsertMessage(qc: QueryClient, message: Message): void {
  refetchIfInFlight(qc, messagesKey(message.chat_id));
  qc.setQueryData<MessagePages>(messagesKey(message.chat_id), (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) =>
      page.map((m) => {
        if (m.id !== message.id) return m;
        found = true;
        return message;
      }),
    );
    if (found) return { ...data, pages };
    // A window around an old message: newer ones load as the reader scrolls down to them.
    if (!reachesNewest(data)) return data;
    const first = pages[0] ?? [];
    const oldestLoaded = first[first.length - 1];
    // Older than the first page and not loaded: it will arrive when the user scrolls up.
    if (oldestLoaded && message.id < oldestLoaded.id && pages.length > 1) return data;
    const index = first.findIndex((m) => m.id < message.id);
    const next = [...first];
    next.splice(index === -1 ? next.length : index, 0, message);
    return { ...data, pages: [next, ...pages.slice(1)] };
  });
}

export function mapMessages(qc: QueryClient, chatId: number, update: (m: Message) => Message): void {
  qc.setQueryData<MessagePages>(messagesKey(chatId), (data) =>
    data ? { ...data, pages: data.pages.map((page) => page.map(update)) } : data,
  );
}

/**
 * A message deleted for me: out of the loaded history; when it was the chat's last message, the chat
 * list asks the server which one is last for me now.
 */
export function removeMessage(qc: QueryClient, chatId: number, messageId: number): void {
  qc.setQueryData<MessagePages>(messagesKey(chatId), (data) =>
    data ? { ...data, pages: data.pages.map((page) => page.filter((m) => m.id !== messageId)) } : data,
  );
  const chat = qc.getQueryData<Chat[]>(chatsKey)?.find((c) => c.id === chatId);
  if (chat?.last_message?.id === messageId) void refetchFresh(qc, chatsKey);
}

export function findMessage(qc: QueryClient, chatId: number, messageId: number): Message | undefined {
  const data = qc.getQueryData<MessagePages>(messagesKey(chatId));
  for (const page of data?.pages ?? []) {
    const found = page.find((m) => m.id === messageId);
    if (found) return found;
  }
  const chat = qc.getQueryData<Chat[]>(chatsKey)?.find((c) => c.id === chatId);
  return chat?.last_message?.id === messageId ? chat.last_message : undefined;
}

const RANK = { sent: 0, delivered: 1, read: 2 } as const;

/** Someone else's receipt up to `messageId` lifts the ticks of everything the viewer sent before it. */
export function applyReceipt(
  qc: QueryClient,
  chatId: number,
  messageId: number,
  status: "delivered" | "read",
  meId: number,
): void {
  const lift = (m: Message): Message =>
    m.sender_id === meId && m.id <= messageId && RANK[m.status] < RANK[status] ? { ...m, status } : m;
  mapMessages(qc, chatId, lift);
  updateChat(qc, chatId, (c) => (c.last_message ? { ...c, last_message: lift(c.last_message) } : c));
}
