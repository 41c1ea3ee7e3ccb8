import type { CallEndReason } from "../db/generated/client.ts";
import { deliverToReaders } from "../messages/deliver-to-readers.ts";
import { fromMessageRow, MESSAGE_COLUMNS, type MessageRow } from "../messages/message-row.ts";
import { receiptsOf, toMessages } from "../messages/serialize.ts";
import type { Tx } from "./call-lock.ts";
import { type CallWithParticipants, callEntryText } from "./call-view.ts";
import { announceCall, type Effects } from "./effects.ts";

/**
 * Ends the call: joined participants leave, the still ringing ones missed it, and the history entry
 * is written in the same transaction (sent by the caller, it moves the chat's last message and the
 * caller's own receipt like any message). After the commit: the final `call_update`, then the entry
 * as a `new_message` to every member (but those who blocked the caller, as for their messages).
 */
export async function endCall(
  tx: Tx,
  call: CallWithParticipants,
  reason: CallEndReason,
  effects: Effects,
): Promise<void> {
  const now = new Date();
  await tx.callParticipant.updateMany({
    where: { callId: call.id, state: "joined" },
    data: { state: "left", leftAt: now },
  });
  await tx.callParticipant.updateMany({
    where: { callId: call.id, state: "ringing" },
    data: { state: "missed" },
  });
  const ended = await tx.call.update({
    where: { id: call.id },
    data: { state: "ended", endedAt: now, endReason: reason },
  });
  const rows = await tx.$queryRaw<MessageRow[]>`
    WITH locked AS (SELECT id FROM chats WHERE id = ${call.chatId} FOR UPDATE),
    inserted AS (
      INSERT INTO messages (chat_id, sender_id, text, call_id)
      SELECT ${call.chatId}, ${call.callerId}, ${callEntryText(ended)}, ${call.id} FROM locked
      RETURNING ${MESSAGE_COLUMNS}
    ),
    chat AS (
      UPDATE chats SET last_message_id = inserted.id, last_activity_at = inserted.created_at, updated_at = now()
      FROM inserted WHERE chats.id = inserted.chat_id
    ),
    own AS (
      UPDATE chat_members SET last_read_id = inserted.id, last_delivered_id = inserted.id
      FROM inserted WHERE chat_members.chat_id = inserted.chat_id AND chat_members.user_id = inserted.sender_id
    )
    SELECT * FROM inserted`;
  const entry = rows[0];
  if (entry) await tx.call.update({ where: { id: call.id }, data: { messageId: entry.id } });
  effects.add(() => announceCall(call.id));
  if (!entry) return; // the chat is gone (deleted meanwhile): nothing to write into
  effects.add(async () => {
    const receipts = await receiptsOf(call.chatId);
    const [view] = await toMessages([{ ...fromMessageRow(entry), call: ended }], receipts);
    await deliverToReaders(
      receipts.map((r) => r.userId),
      call.callerId,
      [{ type: "new_message", conversation_id: call.chatId, message: view }],
    );
  });
}
