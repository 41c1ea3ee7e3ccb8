import { getDb } from "../db/client.ts";
import type { Message } from "../db/generated/client.ts";

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

export function toMessage(message: Message, receipts: Receipt[]) {
  const deleted = message.deletedAt !== null;
  return {
    id: message.id,
    chat_id: message.chatId,
    conversation_id: message.chatId,
    sender_id: message.senderId,
    text: deleted ? "" : message.text,
    attachments: [] as unknown[],
    reply_to_id: message.replyToId,
    temp_id: message.tempId,
    created_at: message.createdAt.toISOString(),
    edited_at: message.editedAt?.toISOString() ?? null,
    deleted_at: message.deletedAt?.toISOString() ?? null,
    status: messageStatus(message, receipts),
  };
}
