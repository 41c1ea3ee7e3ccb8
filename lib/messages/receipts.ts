import { getDb, Prisma } from "../db/client.ts";
import { notFound } from "../http/app-error.ts";
import { deliver } from "../realtime/deliver.ts";
import { findMessage } from "./change-message.ts";
import { submitReceipt } from "./write-batch.ts";

export type ReceiptKind = "delivered" | "read";

/**
 * Moves the user's high-water mark up to the message (never down). Reading implies delivery.
 * Only a mark that actually moved is told, and only to who should hear of it (see
 * stu_receipt_audience in prisma/migrations). Marks go through the group commit
 * (lib/messages/write-batch.ts), coalesced with the others of the same member in the batch.
 */
export async function markReceipt(
  userId: number,
  messageId: number,
  kind: ReceiptKind,
  chatId?: number,
): Promise<void> {
  const outcome = await submitReceipt({ userId, messageId, read: kind === "read", chatId: chatId ?? null });
  if ("refused" in outcome) throw notFound("message");
  if ("retryAlone" in outcome) await markAlone(userId, messageId, kind, chatId);
}

/** One mark in its own statement, for a batch that failed as a whole. */
async function markAlone(
  userId: number,
  messageId: number,
  kind: ReceiptKind,
  chatId?: number,
): Promise<void> {
  const { message } = await findMessage(userId, messageId, chatId);
  const setRead =
    kind === "read" ? Prisma.sql`, last_read_id = GREATEST(last_read_id, ${message.id})` : Prisma.empty;
  const mark = kind === "read" ? Prisma.sql`last_read_id` : Prisma.sql`last_delivered_id`;
  // The old mark (locked) says which messages the move covers, and so who hears of it.
  const moved = await getDb().$queryRaw<{ audience: number[] | null }[]>(Prisma.sql`
    WITH old AS (
      SELECT ${mark} AS mark FROM chat_members
      WHERE chat_id = ${message.chatId} AND user_id = ${userId} FOR UPDATE
    )
    UPDATE chat_members
    SET last_delivered_id = GREATEST(last_delivered_id, ${message.id}) ${setRead}
    FROM old
    WHERE chat_id = ${message.chatId} AND user_id = ${userId} AND old.mark < ${message.id}
    RETURNING stu_receipt_audience(${message.chatId}, ${userId}, old.mark, ${message.id}) AS audience`);
  if (!moved.length) return;
  const frame = { conversation_id: message.chatId, message_id: message.id, user_id: userId };
  // api-skeleton.md clients listen for read_receipt; api-contract.md clients for read.
  const frames =
    kind === "read"
      ? [
          { type: "read", ...frame },
          { type: "read_receipt", ...frame },
        ]
      : [{ type: "delivered", ...frame }];
  deliver(moved[0]?.audience ?? [], frames);
}
