import { getDb } from "../db/client.ts";
import { notFound } from "../http/app-error.ts";
import { blockedBy } from "../users/blocks.ts";
import { type MessageView, receiptsOf, toMessages } from "./serialize.ts";

export type HistoryQuery = { limit: number; beforeId?: number; afterId?: number };

/**
 * A page of history: newest first before a cursor, or oldest first after one (catch-up). Messages of
 * people the reader blocked are left out (pages stay full: they are filtered by the query).
 */
export async function listMessages(
  userId: number,
  chatId: number,
  query: HistoryQuery,
): Promise<MessageView[]> {
  const db = getDb();
  const blocked = await blockedBy(userId);
  const senders = blocked.length ? { senderId: { notIn: blocked } } : {};
  // The page and the members' receipts are read together; the receipts are also the membership
  // check, and a non-member gets a 404 without seeing the page.
  const [receipts, rows] = await Promise.all([
    receiptsOf(chatId),
    query.afterId !== undefined
      ? db.message.findMany({
          where: { chatId, id: { gt: query.afterId }, ...senders },
          orderBy: { id: "asc" },
          take: query.limit,
        })
      : db.message.findMany({
          where: {
            chatId,
            ...senders,
            ...(query.beforeId !== undefined ? { id: { lt: query.beforeId } } : {}),
          },
          orderBy: { id: "desc" },
          take: query.limit,
        }),
  ]);
  if (!receipts.some((r) => r.userId === userId)) throw notFound("chat");
  return toMessages(rows, receipts);
}
