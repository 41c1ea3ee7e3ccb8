import { type CallEntryFields, toCallEntry } from "../calls/call-view.ts";
import { getDb } from "../db/client.ts";
import type { Call, LinkPreview, Message } from "../db/generated/client.ts";
import { type LinkPreviewFields, toLinkPreview } from "../link-previews/view.ts";
import { type AttachmentView, attachmentsByMessage } from "../media/attachment-view.ts";
import { type ReactionView, reactionsByMessage } from "../reactions/summary.ts";

export type Receipt = { userId: number; lastReadId: number; lastDeliveredId: number };
export type MessageStatus = "sent" | "delivered" | "read";

export async function receiptsOf(chatId: number): Promise<Receipt[]> {
  return getDb().chatMember.findMany({
    where: { chatId },
    select: { userId: true, lastReadId: true, lastDeliveredId: true },
  });
}

/** How far a message got among the people it was sent to (any one of them is enough). */
export function messageStatus(message: Pick<Message, "id" | "senderId">, receipts: Receipt[]): MessageStatus {
  let status: MessageStatus = "sent";
  for (const r of receipts) {
    if (r.userId === message.senderId) continue;
    if (r.lastReadId >= message.id) return "read";
    if (r.lastDeliveredId >= message.id) status = "delivered";
  }
  return status;
}

export type MessageView = ReturnType<typeof toMessage>;

/** A message, with its call when it is a call entry and its link preview (loaded with it, or null). */
export type MessageWithCall = Message & {
  call?: Call | null;
  linkPreview?: LinkPreview | null;
  pinned?: boolean;
};

/**
 * A deleted message keeps no text and no attachments (they stop being downloadable too); so does a
 * message removed by moderation, for everyone in the chat (its author too), until it is restored.
 */
export function toMessage(
  message: MessageWithCall,
  receipts: Receipt[],
  attachments: AttachmentView[] = [],
  reactions: ReactionView[] = [],
) {
  return toMessageView(message, messageStatus(message, receipts), attachments, reactions);
}

/** The columns a view is made of, with the call entry's when it is one (history reads just these). */
export type MessageFields = Pick<
  Message,
  | "id"
  | "chatId"
  | "senderId"
  | "text"
  | "replyToId"
  | "tempId"
  | "createdAt"
  | "editedAt"
  | "deletedAt"
  | "moderatedAt"
  | "forwardedFromUserId"
  | "forwardedFromName"
  | "forwardedFromMessageId"
  | "forwardedFromChatId"
> & { call?: CallEntryFields | null; linkPreview?: LinkPreviewFields | null; pinned?: boolean };

export const NOT_FORWARDED = {
  forwardedFromUserId: null,
  forwardedFromName: null,
  forwardedFromMessageId: null,
  forwardedFromChatId: null,
} as const;

/** Where a forward came from; null for an ordinary message (and for a tombstone). */
function forwardedFrom(message: MessageFields) {
  if (message.forwardedFromUserId === null && message.forwardedFromName === null) return null;
  return {
    user_id: message.forwardedFromUserId,
    display_name: message.forwardedFromName ?? "",
    message_id: message.forwardedFromMessageId,
    chat_id: message.forwardedFromChatId,
  };
}

/** toMessage with the status already known (history computes it in SQL). */
export function toMessageView(
  message: MessageFields,
  status: MessageStatus,
  attachments: AttachmentView[] = [],
  reactions: ReactionView[] = [],
) {
  const deleted = message.deletedAt !== null || message.moderatedAt !== null;
  return {
    id: message.id,
    chat_id: message.chatId,
    conversation_id: message.chatId,
    sender_id: message.senderId,
    text: deleted ? "" : message.text,
    attachments: deleted ? [] : attachments,
    reactions: deleted ? [] : reactions,
    reply_to_id: message.replyToId,
    temp_id: message.tempId,
    created_at: message.createdAt.toISOString(),
    edited_at: message.editedAt?.toISOString() ?? null,
    deleted_at: message.deletedAt?.toISOString() ?? null,
    moderated_at: message.moderatedAt?.toISOString() ?? null,
    status,
    call: !deleted && message.call ? toCallEntry(message.call) : null,
    link_preview: !deleted && message.linkPreview ? toLinkPreview(message.linkPreview) : null,
    forwarded_from: deleted ? null : forwardedFrom(message),
    pinned: message.pinned ?? false,
  };
}

/**
 * Views of many messages of one chat, with their attachments, calls and reactions loaded in one query
 * each; `me` of a reaction is the viewer's (0: nobody's, for frames that go to every member).
 */
export async function toMessages(
  messages: MessageWithCall[],
  receipts: Receipt[],
  viewerId = 0,
): Promise<MessageView[]> {
  const callIds = messages.flatMap((m) => (m.callId !== null && m.call === undefined ? [m.callId] : []));
  const previewIds = messages.flatMap((m) =>
    m.linkPreviewId !== null && m.linkPreview === undefined ? [m.linkPreviewId] : [],
  );
  const ids = messages.map((m) => m.id);
  const [attachments, calls, reactions, previews, pins] = await Promise.all([
    attachmentsByMessage(ids),
    callIds.length ? getDb().call.findMany({ where: { id: { in: callIds } } }) : [],
    reactionsByMessage(ids, viewerId),
    previewIds.length ? getDb().linkPreview.findMany({ where: { id: { in: previewIds } } }) : [],
    getDb().messagePin.findMany({ where: { messageId: { in: ids } }, select: { messageId: true } }),
  ]);
  const callById = new Map(calls.map((c) => [c.id, c]));
  const previewById = new Map(previews.map((p) => [p.id, p]));
  const pinned = new Set(pins.map((p) => p.messageId));
  return messages.map((m) =>
    toMessage(
      {
        ...m,
        call: m.call !== undefined ? m.call : m.callId === null ? null : (callById.get(m.callId) ?? null),
        linkPreview:
          m.linkPreview !== undefined
            ? m.linkPreview
            : m.linkPreviewId === null
              ? null
              : (previewById.get(m.linkPreviewId) ?? null),
        pinned: pinned.has(m.id),
      },
      receipts,
      attachments.get(m.id),
      reactions.get(m.id),
    ),
  );
}
