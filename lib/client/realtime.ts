import type { QueryClient } from "@tanstack/react-query";
import { isMentioned } from "../messages/mentions.ts";
import {
  applyReceipt,
  chatsKey,
  refetchFresh,
  removeMessage,
  setChats,
  updateChat,
  upsertMessage,
} from "./cache.ts";
import { callEngine } from "./calls/engine.ts";
import { applyChatState, type ChatStateEvent } from "./chat-state.ts";
import { applyLinkPreviewEvent, type LinkPreviewEvent } from "./link-previews.ts";
import { notifyMessage } from "./notifications.ts";
import { Outbox } from "./outbox.ts";
import { applyPinEvent, type PinEvent } from "./pins.ts";
import { applyReactionEvent, type ReactionEvent } from "./reactions.ts";
import { warningsKey } from "./safety.ts";
import type { Warning } from "./safety-types.ts";
import { RealtimeSocket, type ServerFrame, type SignOutReason } from "./socket.ts";
import { useMessenger } from "./store.ts";
import type { Chat, LocalAttachment, Me, Member, Message, PendingMessage } from "./types.ts";

const ACK_TIMEOUT_MS = 15_000;

type Options = {
  qc: QueryClient;
  me: Me;
  /** The chat on screen, if the tab is visible: its messages count as read on arrival. */
  readingChat(): number | null;
  onRemovedFromChat(chatId: number): void;
  onSignedOut(reason: SignOutReason): void;
};

/**
 * The browser's side of the real-time protocol: feeds socket events into the react-query cache and
 * the zustand store, and sends messages through an outbox keyed by temp_id, so a message typed
 * offline or whose ACK was lost is sent again on reconnect and the server keeps exactly one copy.
 * The outbox is also kept in IndexedDB (per account), so a reload or a closed tab loses nothing.
 */
export class Realtime {
  readonly socket: RealtimeSocket;
  private readonly outbox: Outbox;
  private ackTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly o: Options) {
    this.outbox = new Outbox(o.me.id);
    this.socket = new RealtimeSocket({
      onFrame: (frame) => this.handle(frame),
      onStatus: (status) => useMessenger.getState().setStatus(status),
      onConnected: (firstTime) => {
        this.connected();
        // A call going on rebinds to the new socket and restarts ICE.
        callEngine.connected(!firstTime);
      },
      onResync: () => {
        this.connected();
        callEngine.connected(false);
      },
      onSignedOut: o.onSignedOut,
    });
  }

  start() {
    this.socket.start();
    void this.restore();
  }

  /** Messages kept from an earlier page of this account go back into the outbox, and out if online. */
  private async restore(): Promise<void> {
    for (const kept of await this.outbox.load()) {
      const store = useMessenger.getState();
      if (store.pending[kept.chat_id]?.some((p) => p.temp_id === kept.temp_id)) continue;
      store.addPending(kept);
      if (kept.state === "sending") this.transmit(kept);
    }
  }

  private updatePending(chatId: number, tempId: string, patch: Partial<PendingMessage>): void {
    const store = useMessenger.getState();
    store.updatePending(chatId, tempId, patch);
    const updated = useMessenger.getState().pending[chatId]?.find((p) => p.temp_id === tempId);
    if (updated) void this.outbox.put(updated);
  }

  private removePending(chatId: number, tempId: string): void {
    useMessenger.getState().removePending(chatId, tempId);
    void this.outbox.delete(tempId);
  }

  stop() {
    this.socket.stop();
    for (const timer of this.ackTimers.values()) clearTimeout(timer);
  }

  send(chatId: number, text: string, replyToId: number | null, attachments: LocalAttachment[] = []): void {
    const pending: PendingMessage = {
      temp_id: `web-${crypto.randomUUID()}`,
      chat_id: chatId,
      text,
      attachments,
      reply_to_id: replyToId,
      created_at: new Date().toISOString(),
      state: "sending",
    };
    useMessenger.getState().addPending(pending);
    void this.outbox.put(pending);
    this.transmit(pending);
  }

  retry(chatId: number, tempId: string): void {
    const store = useMessenger.getState();
    const pending = store.pending[chatId]?.find((p) => p.temp_id === tempId);
    if (!pending) return;
    this.updatePending(chatId, tempId, { state: "sending", error: undefined });
    this.transmit({ ...pending, state: "sending" });
  }

  discard(chatId: number, tempId: string): void {
    this.removePending(chatId, tempId);
  }

  typing(chatId: number, typing: boolean): void {
    this.socket.send({ type: typing ? "typing_start" : "typing_stop", conversation_id: chatId });
  }

  /** Marks everything up to the message read, once per message. */
  read(chatId: number, messageId: number): void {
    if ((useMessenger.getState().readUpTo[chatId] ?? 0) >= messageId) return;
    if (!this.socket.send({ type: "read", conversation_id: chatId, message_id: messageId })) return;
    useMessenger.getState().raiseReadUpTo(chatId, messageId);
    updateChat(this.o.qc, chatId, (c) =>
      c.last_message && c.last_message.id <= messageId
        ? { ...c, unread_count: 0, unread_mentions: 0, last_read_id: messageId }
        : c,
    );
  }

  private transmit(p: PendingMessage): void {
    const sent = this.socket.send({
      type: "send_message",
      temp_id: p.temp_id,
      conversation_id: p.chat_id,
      text: p.text,
      attachments: p.attachments.map((a) => a.id),
      reply_to_id: p.reply_to_id,
    });
    if (!sent) return; // stays "sending" (queued) until the socket is back
    clearTimeout(this.ackTimers.get(p.temp_id));
    this.ackTimers.set(
      p.temp_id,
      setTimeout(() => {
        this.ackTimers.delete(p.temp_id);
        this.updatePending(p.chat_id, p.temp_id, { state: "failed", error: "Not confirmed by the server." });
      }, ACK_TIMEOUT_MS),
    );
  }

  /**
   * After every `hello` (the first one too) and every `resync`: what the socket may have missed is
   * fetched again. Even on first connect, the chat list and history were usually requested before the
   * socket was subscribed, and a message or presence change in between would otherwise be lost.
   * The refetched pages replace the cached ones, so nothing shows twice (messages are keyed by id).
   */
  private connected(): void {
    // Everything unacknowledged goes again, oldest first; the server deduplicates by temp_id.
    for (const list of Object.values(useMessenger.getState().pending)) {
      for (const p of list) if (p.state === "sending") this.transmit(p);
    }
    void refetchFresh(this.o.qc, chatsKey);
    void refetchFresh(this.o.qc, ["messages"]);
    void refetchFresh(this.o.qc, warningsKey);
  }

  private acknowledged(message: Message): void {
    if (!message.temp_id) return;
    clearTimeout(this.ackTimers.get(message.temp_id));
    this.ackTimers.delete(message.temp_id);
    this.removePending(message.chat_id, message.temp_id);
  }

  private handle(frame: ServerFrame): void {
    if (callEngine.handleFrame(frame)) return;
    const { qc, me } = this.o;
    const store = useMessenger.getState();
    const chatId = frame.conversation_id as number;
    switch (frame.type) {
      case "message_sent": {
        const message = frame.message as Message;
        upsertMessage(qc, message);
        this.acknowledged(message);
        this.touchChat(message);
        return;
      }
      case "new_message": {
        const message = frame.message as Message;
        upsertMessage(qc, message);
        if (message.sender_id === me.id) this.acknowledged(message);
        else {
          store.setTyping(chatId, message.sender_id, false);
          if (this.o.readingChat() === chatId) this.read(chatId, message.id);
          else {
            this.socket.send({ type: "delivered", conversation_id: chatId, message_id: message.id });
            notifyMessage(qc, message, me);
          }
        }
        this.touchChat(message);
        return;
      }
      case "message_edit":
      case "message_delete": {
        const message = frame.message as Message;
        upsertMessage(qc, message);
        updateChat(qc, chatId, (c) =>
          c.last_message?.id === message.id ? { ...c, last_message: message } : c,
        );
        return;
      }
      case "chat_state":
        applyChatState(qc, chatId, frame as unknown as ChatStateEvent);
        return;
      case "reaction":
        applyReactionEvent(qc, frame as unknown as ReactionEvent, me.id);
        return;
      case "link_preview":
        applyLinkPreviewEvent(qc, frame as unknown as LinkPreviewEvent);
        return;
      case "message_pin":
        applyPinEvent(qc, frame as unknown as PinEvent);
        return;
      case "message_hidden":
        removeMessage(qc, chatId, frame.message_id as number);
        return;
      case "delivered":
      case "read": {
        const userId = frame.user_id as number;
        const messageId = frame.message_id as number;
        if (userId !== me.id) {
          store.raiseReceipt(chatId, frame.type, messageId);
          applyReceipt(qc, chatId, messageId, frame.type, me.id);
        } else if (frame.type === "read") {
          // Read on another device of mine.
          store.raiseReadUpTo(chatId, messageId);
          updateChat(qc, chatId, (c) =>
            c.last_message && c.last_message.id <= messageId
              ? { ...c, unread_count: 0, unread_mentions: 0 }
              : c,
          );
        }
        return;
      }
      case "typing":
        store.setTyping(chatId, frame.user_id as number, frame.typing === true);
        return;
      case "online_status": {
        const presence = {
          online: frame.online === true,
          last_seen_at: (frame.last_seen_at as string) ?? null,
        };
        store.setPresence(frame.user_id as number, presence);
        return;
      }
      case "chat_created": {
        const chat = frame.chat as Chat;
        setChats(qc, (chats) => [chat, ...chats.filter((c) => c.id !== chat.id)]);
        return;
      }
      case "chat_updated": {
        const patch = frame.chat as Partial<Chat>;
        updateChat(qc, chatId, (c) => ({ ...c, ...patch, members: c.members }));
        return;
      }
      case "member_added":
      case "member_updated": {
        const member = frame.member as Member;
        updateChat(qc, chatId, (c) => ({
          ...c,
          members: [...c.members.filter((m) => m.id !== member.id), member],
          role: member.id === me.id ? member.role : c.role,
        }));
        return;
      }
      case "member_removed": {
        const userId = frame.user_id as number;
        if (userId === me.id) {
          setChats(qc, (chats) => chats.filter((c) => c.id !== chatId));
          this.o.onRemovedFromChat(chatId);
        } else updateChat(qc, chatId, (c) => ({ ...c, members: c.members.filter((m) => m.id !== userId) }));
        return;
      }
      case "warning": {
        const warning = frame.warning as Warning;
        // Not loaded yet: the first load (the server stored the warning before sending it) brings it.
        qc.setQueryData<Warning[]>(warningsKey, (list) =>
          list ? [warning, ...list.filter((w) => w.id !== warning.id)] : list,
        );
        return;
      }
      case "error": {
        const tempId = frame.temp_id as string | undefined;
        if (!tempId) return;
        clearTimeout(this.ackTimers.get(tempId));
        for (const [id, list] of Object.entries(store.pending)) {
          if (list.some((p) => p.temp_id === tempId)) {
            this.updatePending(Number(id), tempId, { state: "failed", error: String(frame.message) });
          }
        }
        return;
      }
    }
  }

  /** The chat list follows every message: preview, time, order, unread badge. */
  private touchChat(message: Message): void {
    const { qc, me } = this.o;
    const known = qc.getQueryData<Chat[]>(chatsKey)?.some((c) => c.id === message.chat_id);
    if (!known) {
      void qc.invalidateQueries({ queryKey: chatsKey });
      return;
    }
    const unseen = message.sender_id !== me.id && this.o.readingChat() !== message.chat_id;
    updateChat(qc, message.chat_id, (c) =>
      c.last_message && c.last_message.id > message.id
        ? c
        : {
            ...c,
            last_message: message,
            last_activity_at: message.created_at,
            unread_count: unseen ? c.unread_count + 1 : message.sender_id === me.id ? 0 : c.unread_count,
            unread_mentions:
              message.sender_id === me.id
                ? 0
                : (c.unread_mentions ?? 0) + (unseen && isMentioned(message.text, me.username) ? 1 : 0),
          },
    );
  }
}
