import type { QueryClient } from "@tanstack/react-query";
import { isMentioned } from "../messages/mentions.ts";
import { chatsKey } from "./cache.ts";
import { isMuted } from "./chat-state.ts";
import { pushActive } from "./push.ts";
import type { Chat, Message } from "./types.ts";

/**
 * A system notification for a message that arrives while the tab is hidden (if the user allowed
 * them). A muted chat stays quiet unless the message mentions me.
 */
export function notifyMessage(qc: QueryClient, message: Message, me: { username: string }): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  // With push on, the service worker shows it (once, and respecting mutes and previews).
  if (document.visibilityState === "visible" || pushActive()) return;
  const chat = qc.getQueryData<Chat[]>(chatsKey)?.find((c) => c.id === message.chat_id);
  if (chat && isMuted(chat) && !isMentioned(message.text, me.username)) return;
  const sender = chat?.members.find((m) => m.id === message.sender_id);
  const from = sender?.display_name || sender?.username || "New message";
  const title = chat?.type === "group" ? `${from} in ${chat.title}` : from;
  const notification = new Notification(title, {
    body: message.text || "Attachment",
    tag: `chat-${message.chat_id}`,
  });
  notification.onclick = () => {
    window.focus();
    location.assign(`/c/${message.chat_id}`);
  };
}

/**
 * "Incoming call from …" while the tab is hidden (if permitted). The caller's name and the chat
 * come from the chat list; the returned function closes the notification when the ringing stops.
 */
export function notifyCall(
  qc: QueryClient,
  call: { chatId: number; callerId: number; callId: string; kind: "voice" | "video" },
): () => void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return () => {};
  if (document.visibilityState === "visible") return () => {};
  const chat = qc.getQueryData<Chat[]>(chatsKey)?.find((c) => c.id === call.chatId);
  const caller = chat?.members.find((m) => m.id === call.callerId);
  const from = caller?.display_name || caller?.username || "someone";
  const notification = new Notification(`Incoming call from ${from}`, {
    body: `${call.kind === "video" ? "Video" : "Voice"} call${chat?.type === "group" ? ` in ${chat.title}` : ""}`,
    tag: `call-${call.callId}`,
    requireInteraction: true,
  });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
  return () => notification.close();
}
