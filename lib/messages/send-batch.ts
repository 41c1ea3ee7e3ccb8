import type pg from "pg";
import { deliver } from "../realtime/deliver.ts";
import { type MessageView, NOT_FORWARDED, toMessage } from "./serialize.ts";

/** A text message (no attachments) waiting for the next group commit. */
export type SendItem = {
  chatId: number;
  senderId: number;
  text: string;
  tempId: string | null;
  replyToId: number | null;
  exceptConnection?: string;
};

/**
 * What became of one send. Refusals are data, not errors: the batch may have been committed by
 * another copy of this module (Next's bundle or server/), whose AppError the caller's would not know.
 */
export type SendOutcome =
  | { created: true; message: MessageView }
  // The (sender, temp_id) was already stored in this chat: the caller builds its current view.
  | { created: false; messageId: number }
  | { refused: "not_found" | "invalid_reply" | "peer_deleted" | "temp_id_other_chat" | "temp_id_in_flight" }
  // The batch's statement failed as a whole (not this item's refusal): send it alone.
  | { retryAlone: true };

// Per input, in order: refused (not a member / bad reply), inserted (with the readers the
// new_message goes to: members who did not block the sender), or the row already stored for the
// (sender, temp_id) — also one inserted earlier in this very batch.
//
// One statement, so one round trip and its own transaction. Ids are taken from the sequence only
// after the batch's chats are locked (the one-time filter on "locked"), in arrival order, so ids in
// a chat follow commit order (a reader paging with after_id never skips one) and a sender's
// messages keep the order they were sent in. The senders' own member rows are locked in key order
// before they are moved, as receipt batches lock theirs, so the two kinds of batch, which commit
// side by side, cannot deadlock.
const SEND_BATCH = {
  name: "stu_send_batch_v3",
  text: `
WITH locked AS MATERIALIZED (
  SELECT id FROM chats WHERE id = ANY($6::int[]) ORDER BY id FOR UPDATE
),
input AS MATERIALIZED (
  SELECT i.*,
    EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = i.chat_id AND m.user_id = i.sender_id) AS member,
    (i.reply_to_id IS NULL OR EXISTS (
      SELECT 1 FROM messages r WHERE r.id = i.reply_to_id AND r.chat_id = i.chat_id)) AS reply_ok,
    -- Only a dialog can hold a deleted account (deleting one leaves every group): a group's members
    -- are not scanned on every send.
    NOT EXISTS (
      SELECT 1 FROM chats d
      JOIN chat_members p ON p.chat_id = d.id AND p.user_id <> i.sender_id
      JOIN users u ON u.id = p.user_id AND u.deleted_at IS NOT NULL
      WHERE d.id = i.chat_id AND d.type = 'dialog') AS peer_ok
  FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[])
    WITH ORDINALITY AS i(chat_id, sender_id, text, temp_id, reply_to_id, ord)
),
numbered AS MATERIALIZED (
  SELECT ord, nextval('messages_id_seq')::int AS id FROM input
  WHERE member AND reply_ok AND peer_ok AND (SELECT count(*) FROM locked) >= 0
  ORDER BY ord
),
inserted AS (
  INSERT INTO messages (id, chat_id, sender_id, text, temp_id, reply_to_id)
  SELECT n.id, i.chat_id, i.sender_id, i.text, i.temp_id, i.reply_to_id
  FROM numbered n JOIN input i USING (ord) ORDER BY n.id
  ON CONFLICT (sender_id, temp_id) DO NOTHING
  RETURNING id, chat_id, sender_id, temp_id, created_at
),
chat AS (
  UPDATE chats c SET last_message_id = x.id, last_activity_at = x.created_at, updated_at = now()
  FROM (SELECT DISTINCT ON (chat_id) chat_id, id, created_at FROM inserted ORDER BY chat_id, id DESC) x
  WHERE c.id = x.chat_id
),
own_locked AS MATERIALIZED (
  SELECT m.chat_id, m.user_id FROM chat_members m
  JOIN (SELECT DISTINCT chat_id, sender_id FROM inserted) x ON m.chat_id = x.chat_id AND m.user_id = x.sender_id
  ORDER BY m.chat_id, m.user_id
  FOR UPDATE OF m
),
own AS (
  UPDATE chat_members m
  SET last_read_id = GREATEST(m.last_read_id, x.id), last_delivered_id = GREATEST(m.last_delivered_id, x.id)
  FROM (SELECT chat_id, sender_id, max(id) AS id FROM inserted GROUP BY chat_id, sender_id) x
  WHERE m.chat_id = x.chat_id AND m.user_id = x.sender_id AND (SELECT count(*) FROM own_locked) >= 0
),
readers AS (
  SELECT x.chat_id, x.sender_id, array_agg(m.user_id) AS user_ids
  FROM (SELECT DISTINCT chat_id, sender_id FROM inserted) x
  JOIN chat_members m ON m.chat_id = x.chat_id
  WHERE NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = m.user_id AND b.blocked_id = x.sender_id)
  GROUP BY x.chat_id, x.sender_id
)
SELECT i.member, i.reply_ok, i.peer_ok, ins.id, ins.created_at, r.user_ids, e.id AS existing_id, e.chat_id AS existing_chat_id
FROM input i
LEFT JOIN numbered n ON n.ord = i.ord
LEFT JOIN inserted ins ON ins.id = n.id
LEFT JOIN readers r ON r.chat_id = ins.chat_id AND r.sender_id = ins.sender_id
LEFT JOIN LATERAL (
  (SELECT x.id, x.chat_id FROM inserted x WHERE x.sender_id = i.sender_id AND x.temp_id = i.temp_id
   UNION ALL
   SELECT x.id, x.chat_id FROM messages x WHERE x.sender_id = i.sender_id AND x.temp_id = i.temp_id)
  LIMIT 1
) e ON ins.id IS NULL AND i.temp_id IS NOT NULL AND i.member AND i.reply_ok AND i.peer_ok
ORDER BY i.ord`,
};

type SendRow = {
  member: boolean;
  reply_ok: boolean;
  peer_ok: boolean;
  id: number | null;
  created_at: Date | null;
  user_ids: number[] | null;
  existing_id: number | null;
  existing_chat_id: number | null;
};

/** Stores the sends in one statement (one transaction); returns each one's outcome, in order. */
export async function insertSends(client: pg.Pool, items: SendItem[]): Promise<SendRow[]> {
  const chatIds = [...new Set(items.map((s) => s.chatId))];
  const { rows } = await client.query<SendRow>({
    ...SEND_BATCH,
    values: [
      items.map((s) => s.chatId),
      items.map((s) => s.senderId),
      items.map((s) => s.text),
      items.map((s) => s.tempId),
      items.map((s) => s.replyToId),
      chatIds,
    ],
  });
  return rows;
}

/**
 * After the commit: the outcome of each send, its new_message published (the view is built from
 * what was sent: a fresh message has no attachments, no call, and status "sent", since no other
 * member can have a mark at an id that did not exist).
 */
export function settleSend(item: SendItem, row: SendRow | undefined): SendOutcome {
  if (!row) return { retryAlone: true };
  if (!row.member) return { refused: "not_found" };
  if (!row.reply_ok) return { refused: "invalid_reply" };
  if (!row.peer_ok) return { refused: "peer_deleted" };
  if (row.id !== null && row.created_at !== null) {
    const message = toMessage(
      {
        id: row.id,
        chatId: item.chatId,
        senderId: item.senderId,
        text: item.text,
        replyToId: item.replyToId,
        tempId: item.tempId,
        createdAt: row.created_at,
        editedAt: null,
        deletedAt: null,
        moderatedAt: null,
        callId: null,
        call: null,
        linkPreviewId: null,
        linkPreview: null,
        ...NOT_FORWARDED,
      },
      [],
    );
    deliver(
      row.user_ids ?? [],
      [{ type: "new_message", conversation_id: item.chatId, message }],
      item.exceptConnection,
    );
    return { created: true, message };
  }
  if (row.existing_id !== null) {
    return row.existing_chat_id === item.chatId
      ? { created: false, messageId: row.existing_id }
      : { refused: "temp_id_other_chat" };
  }
  // Skipped on conflict with a row this statement cannot see: another transaction's, in flight.
  return item.tempId === null ? { refused: "not_found" } : { refused: "temp_id_in_flight" };
}
