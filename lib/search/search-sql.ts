import type { MessageStatus } from "../messages/serialize.ts";
import type { SearchPosition } from "./search-cursor.ts";

/**
 * One page of search results in one round trip, unnamed so that PostgreSQL plans it with the actual
 * words (a generic plan cannot tell a rare word from a common one).
 *
 * - Only chats the caller is a member of now (a chat they left is gone with its chat_members row),
 *   optionally one of them; no deleted or moderated messages, no call entries, nobody they blocked.
 * - A hit matches the words (the GIN index on search_vector) or, for plain queries, contains the
 *   typed text (the trigram index on text): tier 1 and tier 0. Whole-word hits come first, by
 *   ts_rank (normalised by length: a short message that is about the word beats a long one), then
 *   newest first; the cursor continues strictly after the last (tier, rank, id).
 * - Receipts are computed for the page's rows only; the query's lexemes come along as text (the
 *   words to highlight, see highlights.ts).
 */
const SEARCH_SQL = `
WITH hits AS (
  SELECT m.id, m.chat_id, x.word::int AS tier,
         (CASE WHEN x.word THEN ts_rank(m.search_vector, websearch_to_tsquery('simple', $3), 1) ELSE 0 END)::real AS rank
  FROM messages m
  CROSS JOIN LATERAL (SELECT m.search_vector @@ websearch_to_tsquery('simple', $3) AS word) x
  WHERE m.chat_id IN (SELECT chat_id FROM chat_members WHERE user_id = $1 AND ($2::int IS NULL OR chat_id = $2::int))
    AND (m.search_vector @@ websearch_to_tsquery('simple', $3) OR m.text ILIKE $4::text)
    AND m.deleted_at IS NULL AND m.moderated_at IS NULL AND m.call_id IS NULL
    AND m.sender_id <> ALL (ARRAY(SELECT blocked_id FROM user_blocks WHERE blocker_id = $1))
    AND NOT EXISTS (SELECT 1 FROM message_hides h WHERE h.user_id = $1 AND h.message_id = m.id)
), page AS (
  SELECT * FROM hits
  WHERE $5::int IS NULL OR (tier, rank, id) < ($5::int, $6::real, $7::int)
  ORDER BY tier DESC, rank DESC, id DESC
  LIMIT $8
)
SELECT p.tier, p.rank, m.id, m.chat_id, m.sender_id, m.text, m.reply_to_id, m.temp_id,
       m.created_at, m.edited_at,
       websearch_to_tsquery('simple', $3)::text AS tsquery,
       CASE
         WHEN EXISTS (SELECT 1 FROM chat_members r WHERE r.chat_id = m.chat_id AND r.user_id <> m.sender_id
                        AND r.last_read_id >= m.id) THEN 'read'
         WHEN EXISTS (SELECT 1 FROM chat_members r WHERE r.chat_id = m.chat_id AND r.user_id <> m.sender_id
                        AND r.last_delivered_id >= m.id) THEN 'delivered'
         ELSE 'sent'
       END AS status,
       c.type AS chat_type,
       CASE WHEN c.type = 'group' THEN c.title ELSE coalesce((
         SELECT coalesce(nullif(u.display_name, ''), u.username)
         FROM chat_members o JOIN users u ON u.id = o.user_id
         WHERE o.chat_id = c.id AND o.user_id <> $1 LIMIT 1), c.title)
       END AS chat_title
FROM page p
JOIN messages m ON m.id = p.id
JOIN chats c ON c.id = p.chat_id
ORDER BY p.tier DESC, p.rank DESC, p.id DESC`;

export type SearchRow = {
  tier: 0 | 1;
  rank: number;
  id: number;
  chat_id: number;
  sender_id: number;
  text: string;
  reply_to_id: number | null;
  temp_id: string | null;
  created_at: Date;
  edited_at: Date | null;
  tsquery: string;
  status: MessageStatus;
  chat_type: "dialog" | "group";
  chat_title: string;
};

export function searchStatement(input: {
  userId: number;
  chatId: number | null;
  query: string;
  /** An ILIKE pattern for partial words, or null when the query is not plain words. */
  pattern: string | null;
  after: SearchPosition | null;
  limit: number;
}) {
  const { after } = input;
  return {
    text: SEARCH_SQL,
    values: [
      input.userId,
      input.chatId,
      input.query,
      input.pattern,
      after?.tier ?? null,
      after?.rank ?? null,
      after?.id ?? null,
      input.limit,
    ],
  };
}
