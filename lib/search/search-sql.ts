import { LINK_PREVIEW_COLUMN, type LinkPreviewFields } from "../link-previews/view.ts";
import type { MessageStatus } from "../messages/serialize.ts";

const TSQUERY = "websearch_to_tsquery('simple', $3)";

/**
 * Messages the caller may find: see searchStatement. Blocked senders are an anti-join, not
 * `<> ALL (ARRAY(…))`: PostgreSQL prices an array it cannot see as 10 values, which with few
 * senders made it expect almost no row to pass and sort every match instead of stopping early.
 */
const visible = (chat: string) => `${chat}
    AND m.deleted_at IS NULL AND m.moderated_at IS NULL AND m.call_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = $1 AND b.blocked_id = m.sender_id)
    AND NOT EXISTS (SELECT 1 FROM message_hides h WHERE h.user_id = $1 AND h.message_id = m.id)
    AND ($4::int IS NULL OR m.id < $4::int)`;

/**
 * The member's chats as an array computed once, not a semi-join (planned as a join, they were
 * estimated at a handful and every match of each chat was fetched and sorted: seconds for a common
 * word), and as a filter, not an index condition (`+ 0`): ANDing the (chat_id, id) index into the
 * bitmap read every message of those chats (150 ms for 1,000 matches among 1,000,000 messages).
 */
const ALL_CHATS =
  "m.chat_id + 0 = ANY (ARRAY(SELECT chat_id FROM chat_members WHERE user_id = $1)) AND $2::int IS NULL";
/** The service has checked the membership; a plain equality lets the planner use (chat_id, id). */
const ONE_CHAT = "m.chat_id = $2::int";

/**
 * Each kind of hit is a top-N of its own, newest first, so that PostgreSQL can stop early: for a
 * common word it walks the id index backwards and filters, for a rare one it takes the few rows of
 * the GIN index and sorts them. Ranking every match (ts_rank) before the best 20 were known made a
 * word in 100,000 messages cost seconds (docs/benchmarks.md).
 */
const sql = (chat: string) => `
WITH hits AS (
  (SELECT m.id FROM messages m
   WHERE m.search_vector @@ ${TSQUERY} AND ${visible(chat)}
   ORDER BY m.id DESC LIMIT $6)
  UNION
  (SELECT m.id FROM messages m
   WHERE $5::text IS NOT NULL AND m.text ILIKE $5::text AND ${visible(chat)}
   ORDER BY m.id DESC LIMIT $6)
), page AS (
  SELECT id FROM hits ORDER BY id DESC LIMIT $6
)
SELECT (m.search_vector @@ ${TSQUERY})::int AS tier,
       (CASE WHEN m.search_vector @@ ${TSQUERY} THEN ts_rank(m.search_vector, ${TSQUERY}, 1) ELSE 0 END)::real AS rank,
       m.id, m.chat_id, m.sender_id, m.text, m.reply_to_id, m.temp_id,
       m.created_at, m.edited_at,
       m.forwarded_from_user_id, m.forwarded_from_name, m.forwarded_from_message_id, m.forwarded_from_chat_id,
       EXISTS (SELECT 1 FROM message_pins pin WHERE pin.message_id = m.id) AS pinned,
       ${LINK_PREVIEW_COLUMN},
       ${TSQUERY}::text AS tsquery,
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
JOIN chats c ON c.id = m.chat_id
LEFT JOIN link_previews lp ON lp.id = m.link_preview_id
ORDER BY m.id DESC`;

const ALL_CHATS_SQL = sql(ALL_CHATS);
const ONE_CHAT_SQL = sql(ONE_CHAT);

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
  forwarded_from_user_id: number | null;
  forwarded_from_name: string | null;
  forwarded_from_message_id: number | null;
  forwarded_from_chat_id: number | null;
  pinned: boolean;
  link_preview: LinkPreviewFields | null;
  tsquery: string;
  status: MessageStatus;
  chat_type: "dialog" | "group";
  chat_title: string;
};

/**
 * One page of search results in one round trip, unnamed so that PostgreSQL plans it with the actual
 * words (a generic plan cannot tell a rare word from a common one).
 *
 * - Only chats the caller is a member of now (a chat they left is gone with its chat_members row),
 *   or the one chat the service checked; no deleted or moderated messages, no call entries, nobody
 *   they blocked.
 * - A hit matches the words (the GIN index on search_vector: tier 1) or, for plain queries,
 *   contains the typed text (the trigram index on text: tier 0). All hits newest first, by id; the
 *   cursor continues strictly below the last id. ts_rank is computed for the page's rows only.
 * - Receipts are computed for the page's rows only; the query's lexemes come along as text (the
 *   words to highlight, see highlights.ts).
 */
export function searchStatement(input: {
  userId: number;
  chatId: number | null;
  query: string;
  /** An ILIKE pattern for partial words, or null when the query is not plain words. */
  pattern: string | null;
  /** The id the previous page ended with. */
  before: number | null;
  limit: number;
}) {
  return {
    text: input.chatId === null ? ALL_CHATS_SQL : ONE_CHAT_SQL,
    values: [input.userId, input.chatId, input.query, input.before, input.pattern, input.limit],
  };
}
