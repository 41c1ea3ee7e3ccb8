import { Prisma } from "../db/client.ts";
import type { Message } from "../db/generated/client.ts";

/** A `messages` row as raw SQL returns it (snake_case), for queries Prisma's client cannot express. */
export type MessageRow = {
  id: number;
  chat_id: number;
  sender_id: number;
  text: string;
  reply_to_id: number | null;
  temp_id: string | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  moderated_at: Date | null;
  call_id: number | null;
  link_preview_id: number | null;
  forwarded_from_user_id: number | null;
  forwarded_from_name: string | null;
  forwarded_from_message_id: number | null;
  forwarded_from_chat_id: number | null;
};

export const fromMessageRow = (r: MessageRow): Message => ({
  id: r.id,
  chatId: r.chat_id,
  senderId: r.sender_id,
  text: r.text,
  replyToId: r.reply_to_id,
  tempId: r.temp_id,
  createdAt: r.created_at,
  editedAt: r.edited_at,
  deletedAt: r.deleted_at,
  moderatedAt: r.moderated_at,
  callId: r.call_id,
  linkPreviewId: r.link_preview_id,
  forwardedFromUserId: r.forwarded_from_user_id,
  forwardedFromName: r.forwarded_from_name,
  forwardedFromMessageId: r.forwarded_from_message_id,
  forwardedFromChatId: r.forwarded_from_chat_id,
});

/**
 * The columns of a MessageRow, for RETURNING and SELECT lists: `*` would also carry search_vector
 * (a tsvector as long as the text) to the app on every send.
 */
export const MESSAGE_COLUMNS = Prisma.raw(
  "id, chat_id, sender_id, text, reply_to_id, temp_id, created_at, edited_at, deleted_at, moderated_at, call_id, " +
    "link_preview_id, forwarded_from_user_id, forwarded_from_name, forwarded_from_message_id, forwarded_from_chat_id",
);
