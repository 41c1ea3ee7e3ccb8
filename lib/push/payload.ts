/** What the service worker gets (decrypted) for one message, per recipient. */
export type PushPayload = {
  type: "new_message";
  chat_id: number;
  message_id: number;
  /** Collapses the notifications of one chat into one. */
  tag: string;
  /** Where a click on the notification goes. */
  url: string;
  title: string;
  body: string;
  /** True when body carries the message text (the recipient allowed previews). */
  preview: boolean;
};

export type PushSource = {
  chat: { id: number; type: "dialog" | "group"; title: string };
  message: { id: number; text: string };
  senderName: string;
};

// A push message may be at most 4 kB encrypted; a notification shows a few lines anyway.
const MAX_BODY = 300;

const clip = (text: string) => (text.length > MAX_BODY ? `${text.slice(0, MAX_BODY - 1)}…` : text);

/**
 * Without previews the payload names the chat and the sender, never the text: a dialog reads
 * "Ann — New message", a group "Team — New message from Ann" ("Ann mentioned you" for a mention).
 */
export function buildPayload(
  source: PushSource,
  options: { previews: boolean; mentioned: boolean },
): PushPayload {
  const { chat, message, senderName } = source;
  const group = chat.type === "group";
  const text = message.text.trim() ? clip(message.text.trim()) : "Sent an attachment";
  let body: string;
  if (options.previews) body = group ? `${senderName}: ${text}` : text;
  else if (options.mentioned) body = `${senderName} mentioned you`;
  else body = group ? `New message from ${senderName}` : "New message";
  return {
    type: "new_message",
    chat_id: chat.id,
    message_id: message.id,
    tag: `chat-${chat.id}`,
    url: `/c/${chat.id}`,
    title: group ? chat.title || "Group" : senderName,
    body,
    preview: options.previews,
  };
}
