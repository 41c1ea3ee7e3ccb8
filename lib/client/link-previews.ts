import type { QueryClient } from "@tanstack/react-query";
import { mapMessages, updateChat } from "./cache.ts";
import type { LinkPreview, Message } from "./types.ts";

export type LinkPreviewEvent = { conversation_id: number; message_id: number; link_preview: LinkPreview };

/** A preview that arrived after its message: shown in the loaded history and the chat list's last message. */
export function applyLinkPreviewEvent(qc: QueryClient, event: LinkPreviewEvent): void {
  const apply = (m: Message) => (m.id === event.message_id ? { ...m, link_preview: event.link_preview } : m);
  mapMessages(qc, event.conversation_id, apply);
  updateChat(qc, event.conversation_id, (c) =>
    c.last_message ? { ...c, last_message: apply(c.last_message) } : c,
  );
}
