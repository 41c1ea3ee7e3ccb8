import type pg from "pg";
import { deliver } from "../realtime/deliver.ts";
import type { Frame } from "../realtime/events.ts";

/** A `delivered` or `read` mark waiting for the next group commit. */
export type ReceiptItem = {
  userId: number;
  messageId: number;
  read: boolean;
  chatId: number | null;
};

/** As with sends, refusals are data (see SendOutcome). */
export type ReceiptOutcome = { done: true } | { refused: "not_found" } | { retryAlone: true };

// Each input's message (in the chat given, if any) and the caller's membership resolve it; the marks
// are coalesced per (chat, member) to the highest of each kind and only ever moved up. The member
// rows are locked in key order before they are read, so the old marks are the current ones (only
// marks that really moved get frames) and two batches cannot deadlock on them.
const RECEIPT_BATCH = {
  name: "stu_receipt_batch_v2",
  text: `
WITH input AS MATERIALIZED (
  SELECT * FROM unnest($1::int[], $2::int[], $3::bool[], $4::int[])
    WITH ORDINALITY AS i(user_id, message_id, is_read, chat_id, ord)
),
resolved AS MATERIALIZED (
  SELECT i.ord, i.user_id, i.is_read, msg.id AS message_id, msg.chat_id
  FROM input i
  JOIN messages msg ON msg.id = i.message_id AND (i.chat_id IS NULL OR msg.chat_id = i.chat_id)
  WHERE EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = msg.chat_id AND m.user_id = i.user_id)
),
wanted AS (
  SELECT chat_id, user_id,
    max(message_id) FILTER (WHERE NOT is_read) AS delivered,
    max(message_id) FILTER (WHERE is_read) AS read
  FROM resolved GROUP BY chat_id, user_id
),
current AS MATERIALIZED (
  SELECT m.chat_id, m.user_id, m.last_delivered_id AS old_delivered, m.last_read_id AS old_read,
    w.delivered, w.read
  FROM chat_members m JOIN wanted w ON w.chat_id = m.chat_id AND w.user_id = m.user_id
  ORDER BY m.chat_id, m.user_id
  FOR UPDATE OF m
),
moved AS (
  UPDATE chat_members m
  SET last_delivered_id = GREATEST(m.last_delivered_id, c.delivered, c.read),
      last_read_id = GREATEST(m.last_read_id, c.read)
  FROM current c
  WHERE m.chat_id = c.chat_id AND m.user_id = c.user_id
    AND (c.old_read < c.read OR c.old_delivered < GREATEST(c.delivered, c.read))
  RETURNING m.chat_id, m.user_id, c.old_delivered, c.old_read, c.delivered, c.read
)
SELECT i.ord::int, r.ord IS NOT NULL AS found,
  NULL::int AS chat_id, NULL::int AS user_id, NULL::int AS old_delivered, NULL::int AS old_read,
  NULL::int AS delivered, NULL::int AS read, NULL::int[] AS member_ids
FROM input i LEFT JOIN resolved r ON r.ord = i.ord
UNION ALL
SELECT NULL, NULL, mv.chat_id, mv.user_id, mv.old_delivered, mv.old_read, mv.delivered, mv.read,
  stu_receipt_audience(mv.chat_id, mv.user_id,
    CASE WHEN mv.read > mv.old_read THEN mv.old_read ELSE mv.old_delivered END,
    GREATEST(mv.delivered, mv.read))
FROM moved mv`,
};

type ReceiptRow = {
  ord: number | null;
  found: boolean | null;
  chat_id: number | null;
  user_id: number | null;
  old_delivered: number | null;
  old_read: number | null;
  delivered: number | null;
  read: number | null;
  member_ids: number[] | null;
};

export type ReceiptResult = { found: boolean[]; moves: ReceiptRow[] };

/** Moves the marks in one statement (one transaction); which items resolved, and what moved. */
export async function applyReceipts(client: pg.Pool, items: ReceiptItem[]): Promise<ReceiptResult> {
  const { rows } = await client.query<ReceiptRow>({
    ...RECEIPT_BATCH,
    values: [
      items.map((r) => r.userId),
      items.map((r) => r.messageId),
      items.map((r) => r.read),
      items.map((r) => r.chatId),
    ],
  });
  const found = new Array<boolean>(items.length).fill(false);
  const moves: ReceiptRow[] = [];
  for (const row of rows) {
    if (row.ord !== null) found[row.ord - 1] = row.found === true;
    else moves.push(row);
  }
  return { found, moves };
}

/**
 * After the commit: frames for the marks that moved, to who should hear of them (the
 * stu_receipt_audience SQL function: a dialog's members; in a group the member and the authors of
 * the messages the mark passed), as a lone receipt would have sent them — `read` (and `read_receipt`, the api-skeleton.md name) when the read mark
 * moved; `delivered` when the delivered mark moved and a read in the same batch did not cover it.
 */
export function publishMoves(moves: ReceiptRow[]): void {
  for (const m of moves) {
    const frames: Frame[] = [];
    const frame = (type: string, messageId: number) => ({
      type,
      conversation_id: m.chat_id,
      message_id: messageId,
      user_id: m.user_id,
    });
    if (m.delivered !== null && m.delivered > m.old_delivered! && (m.read === null || m.read < m.delivered))
      frames.push(frame("delivered", m.delivered));
    if (m.read !== null && m.read > m.old_read!)
      frames.push(frame("read", m.read), frame("read_receipt", m.read));
    deliver(m.member_ids ?? [], frames);
  }
}

export function settleReceipt(found: boolean | undefined): ReceiptOutcome {
  if (found === undefined) return { retryAlone: true };
  return found ? { done: true } : { refused: "not_found" };
}
