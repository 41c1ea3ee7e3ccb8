import { getDb, type Prisma } from "../db/client.ts";
import type { Message } from "../db/generated/client.ts";
import { receiptsOf, toMessages } from "../messages/serialize.ts";
import { deliverMessageViews } from "../reactions/deliver-per-viewer.ts";

type Tx = Prisma.TransactionClient;

/**
 * Makes messages moderation tombstones (text and files hidden from everyone in the chat; the text is
 * kept for admins). Messages already removed or deleted by their author are left as they are.
 * Answers the messages it changed, for `announceMessages` once the transaction has committed.
 */
export function markModerated(
  tx: Tx,
  where: { messageIds: number[] } | { senderId: number },
  at: Date,
): Promise<Message[]> {
  return tx.message.updateManyAndReturn({
    where: {
      ...("messageIds" in where ? { id: { in: where.messageIds } } : { senderId: where.senderId }),
      moderatedAt: null,
      deletedAt: null,
    },
    data: { moderatedAt: at },
  });
}

/** Undoes a removal: the message shows its text again. */
export function clearModeration(tx: Tx, messageIds: number[]): Promise<Message[]> {
  return tx.message.updateManyAndReturn({
    where: { id: { in: messageIds }, moderatedAt: { not: null } },
    data: { moderatedAt: null },
  });
}

/**
 * Sends the changed messages live as `message_edit` (a tombstone, or the restored message) to their
 * chats' members, as the contract's clients already handle edits: they just replace the message.
 */
export async function announceMessages(messages: Message[]): Promise<void> {
  const byChat = new Map<number, Message[]>();
  for (const m of messages) byChat.set(m.chatId, [...(byChat.get(m.chatId) ?? []), m]);
  for (const [chatId, changed] of byChat) {
    const receipts = await receiptsOf(chatId);
    const views = await toMessages(changed, receipts);
    const members = receipts.map((r) => r.userId);
    for (const [i, view] of views.entries()) {
      await deliverMessageViews(members, changed[i]!.senderId, [view], ([shown]) => [
        { type: "message_edit", conversation_id: chatId, message: shown },
      ]);
    }
  }
}

/** The message itself (admins read removed messages with their text). */
export function findAnyMessage(id: number): Promise<Message | null> {
  return getDb().message.findUnique({ where: { id } });
}
