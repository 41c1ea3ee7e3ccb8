import { getPool } from "../db/client.ts";
import { notFound } from "../http/app-error.ts";
import { toAttachment } from "../media/attachment-view.ts";
import { type HistoryRow, historyStatement, messageFields } from "./history-sql.ts";
import { type MessageView, toMessageView } from "./serialize.ts";

export type HistoryQuery = { limit: number; beforeId?: number; afterId?: number; aroundId?: number };

/**
 * A page of history: newest first before a cursor, or oldest first after one (catch-up). Messages of
 * people the reader blocked are left out (pages stay full: they are filtered by the query). A
 * non-member gets a 404 without seeing the page. One prepared statement (history-sql.ts).
 */
export async function listMessages(
  userId: number,
  chatId: number,
  query: HistoryQuery,
): Promise<MessageView[]> {
  if (query.aroundId !== undefined) return aroundMessage(userId, chatId, query.aroundId, query.limit);
  const { rows } = await getPool().query<HistoryRow>(historyStatement(chatId, userId, query));
  if (!rows.length) throw notFound("chat");
  const views: MessageView[] = [];
  for (const row of rows) {
    if (row[0] === null) continue; // a member's empty page
    const attachments = row[10]?.map(toAttachment) ?? [];
    views.push(toMessageView(messageFields(row, chatId), row[9], attachments, row[11] ?? []));
  }
  return views;
}

/**
 * The page around a message (a search hit far back in history), newest first like any page: the
 * message and the older half, then the newer half before them. The client pages on from both ends
 * with before_id and after_id.
 */
async function aroundMessage(userId: number, chatId: number, messageId: number, limit: number) {
  const [older, newer] = await Promise.all([
    listMessages(userId, chatId, { limit: Math.ceil(limit / 2), beforeId: messageId + 1 }),
    listMessages(userId, chatId, { limit: Math.floor(limit / 2), afterId: messageId }),
  ]);
  return [...newer.reverse(), ...older];
}
