import { requireMembership } from "../chats/membership.ts";
import { getDb } from "../db/client.ts";
import { type MessageView, receiptsOf, toMessage } from "./serialize.ts";

export type HistoryQuery = { limit: number; beforeId?: number; afterId?: number };

/** A page of history: newest first before a cursor, or oldest first after one (catch-up). */
export async function listMessages(
  userId: number,
  chatId: number,
  query: HistoryQuery,
): Promise<MessageView[]> {
  await requireMembership(chatId, userId);
  const db = getDb();
  const [rows, receipts] = await Promise.all([
    query.afterId !== undefined
      ? db.message.findMany({
          where: { chatId, id: { gt: query.afterId } },
          orderBy: { id: "asc" },
          take: query.limit,
        })
      : db.message.findMany({
          where: { chatId, ...(query.beforeId !== undefined ? { id: { lt: query.beforeId } } : {}) },
          orderBy: { id: "desc" },
          take: query.limit,
        }),
    receiptsOf(chatId),
  ]);
  return rows.map((m) => toMessage(m, receipts));
}
