import { create } from "zustand";
import type { SocketStatus } from "./socket.ts";
import type { PendingMessage } from "./types.ts";

type Presence = { online: boolean; last_seen_at: string | null };
/** Presence heard on the socket, with when it was heard (ms). */
type LivePresence = Presence & { at: number };

type State = {
  status: SocketStatus;
  /** The latest presence heard on the socket, by user id. */
  presence: Record<number, LivePresence>;
  /**
   * When the chat list shown now was requested (ms). The list says who is online as of then; a
   * socket event heard before that is older than the list (and may be stale: see presenceOf).
   */
  presenceViewsFrom: number;
  /** Who is typing where: chat id → user id → when the indicator expires (ms). */
  typing: Record<number, Record<number, number>>;
  /** Unacknowledged sends by chat, in the order they were typed. */
  pending: Record<number, PendingMessage[]>;
  drafts: Record<number, string>;
  /**
   * The highest message others have confirmed per chat, from receipt frames. A history refetch that
   * raced a receipt can hold older ticks; the UI shows whichever is further along.
   */
  receipts: Record<number, { delivered: number; read: number }>;
  /**
   * What this account has read per chat, as sent on the socket (or heard from its other devices). A
   * chat list fetched before the server applied it would bring old unread badges back.
   */
  readUpTo: Record<number, number>;
  replyTo: Record<number, number | null>;
  editing: Record<number, number | null>;

  setStatus(status: SocketStatus): void;
  setPresence(userId: number, presence: Presence): void;
  setPresenceViewsFrom(requestedAt: number): void;
  setTyping(chatId: number, userId: number, typing: boolean): void;
  addPending(message: PendingMessage): void;
  updatePending(chatId: number, tempId: string, patch: Partial<PendingMessage>): void;
  removePending(chatId: number, tempId: string): void;
  setDraft(chatId: number, text: string): void;
  raiseReceipt(chatId: number, kind: "delivered" | "read", messageId: number): void;
  raiseReadUpTo(chatId: number, messageId: number): void;
  setReplyTo(chatId: number, messageId: number | null): void;
  setEditing(chatId: number, messageId: number | null): void;
};

const TYPING_TTL_MS = 6_000;
const DRAFTS_KEY = "stu-drafts";

function loadDrafts(): Record<number, string> {
  try {
    return JSON.parse(localStorage.getItem(DRAFTS_KEY) ?? "{}");
  } catch {
    return {};
  }
}

export const useMessenger = create<State>()((set, get) => ({
  status: "connecting",
  presence: {},
  presenceViewsFrom: 0,
  typing: {},
  pending: {},
  drafts: typeof localStorage === "undefined" ? {} : loadDrafts(),
  receipts: {},
  readUpTo: {},
  replyTo: {},
  editing: {},

  setStatus: (status) => set({ status }),
  setPresence: (userId, presence) =>
    set((s) => ({ presence: { ...s.presence, [userId]: { ...presence, at: Date.now() } } })),
  setPresenceViewsFrom: (requestedAt) =>
    set((s) => ({ presenceViewsFrom: Math.max(s.presenceViewsFrom, requestedAt) })),
  setTyping: (chatId, userId, typing) =>
    set((s) => {
      const inChat = { ...s.typing[chatId] };
      if (typing) inChat[userId] = Date.now() + TYPING_TTL_MS;
      else delete inChat[userId];
      return { typing: { ...s.typing, [chatId]: inChat } };
    }),
  addPending: (message) =>
    set((s) => ({
      pending: { ...s.pending, [message.chat_id]: [...(s.pending[message.chat_id] ?? []), message] },
    })),
  updatePending: (chatId, tempId, patch) =>
    set((s) => ({
      pending: {
        ...s.pending,
        [chatId]: (s.pending[chatId] ?? []).map((p) => (p.temp_id === tempId ? { ...p, ...patch } : p)),
      },
    })),
  removePending: (chatId, tempId) => {
    if (!get().pending[chatId]?.some((p) => p.temp_id === tempId)) return;
    set((s) => ({
      pending: { ...s.pending, [chatId]: (s.pending[chatId] ?? []).filter((p) => p.temp_id !== tempId) },
    }));
  },
  setDraft: (chatId, text) => {
    const drafts = { ...get().drafts };
    if (text) drafts[chatId] = text;
    else delete drafts[chatId];
    set({ drafts });
    try {
      localStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
    } catch {
      // Storage full or disabled: the draft still lives for this tab.
    }
  },
  raiseReceipt: (chatId, kind, messageId) =>
    set((s) => {
      const current = s.receipts[chatId] ?? { delivered: 0, read: 0 };
      const next = { ...current, [kind]: Math.max(current[kind], messageId) };
      if (kind === "read") next.delivered = Math.max(next.delivered, messageId);
      return { receipts: { ...s.receipts, [chatId]: next } };
    }),
  raiseReadUpTo: (chatId, messageId) =>
    set((s) => ({ readUpTo: { ...s.readUpTo, [chatId]: Math.max(s.readUpTo[chatId] ?? 0, messageId) } })),
  setReplyTo: (chatId, messageId) => set((s) => ({ replyTo: { ...s.replyTo, [chatId]: messageId } })),
  setEditing: (chatId, messageId) => set((s) => ({ editing: { ...s.editing, [chatId]: messageId } })),
}));

/**
 * Someone's presence: the socket's word if it was heard after the chat list was requested, else the
 * list's. An event heard earlier may have been followed by changes the socket missed (it was down or
 * not yet subscribed), which the newer list already reflects.
 */
export function presenceOf(live: LivePresence | undefined, view: Presence, viewsFrom: number): Presence {
  return live && live.at >= viewsFrom ? live : view;
}

/** The people typing in a chat right now (expired indicators are ignored). */
export function typingIn(typing: State["typing"], chatId: number, now = Date.now()): number[] {
  return Object.entries(typing[chatId] ?? {})
    .filter(([, until]) => until > now)
    .map(([id]) => Number(id));
}

/** A sent message's ticks, lifted by receipts heard on the socket since it was loaded. */
export function effectiveStatus(
  status: "sent" | "delivered" | "read",
  messageId: number,
  receipts: { delivered: number; read: number } | undefined,
): "sent" | "delivered" | "read" {
  if (status === "read" || (receipts && receipts.read >= messageId)) return "read";
  if (status === "delivered" || (receipts && receipts.delivered >= messageId)) return "delivered";
  return "sent";
}
