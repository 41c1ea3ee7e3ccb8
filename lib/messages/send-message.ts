import { peerDeleted, refuseDeletedPeer } from "../chats/membership.ts";
import { getDb, Prisma } from "../db/client.ts";
import type { Message } from "../db/generated/client.ts";
import { AppError, conflict, notFound } from "../http/app-error.ts";
import { queueLinkPreview } from "../link-previews/attach-preview.ts";
import { checkAttachable } from "../media/claim-attachments.ts";
import { queuePushes } from "../push/queue-push.ts";
import { deliverToReaders } from "./deliver-to-readers.ts";
import { fromMessageRow, MESSAGE_COLUMNS, type MessageRow } from "./message-row.ts";
import { countMessageSend } from "./send-rate.ts";
import { type MessageView, type Receipt, receiptsOf, toMessages } from "./serialize.ts";
import { submitSend } from "./write-batch.ts";

export type SendInput = {
  chatId: number;
  senderId: number;
  text: string;
  tempId?: string | null;
  replyToId?: number | null;
  /** The sender's own finished uploads, each sent once. */
  attachmentIds?: number[];
};

const invalidReply = () =>
  new AppError("invalid_reply", 422, "reply_to_id must be a message of the same chat.");
const tempIdInFlight = () =>
  new AppError("temp_id_conflict", 409, "This temp_id is being used by another send; retry.");
const tempIdOtherChat = () =>
  new AppError("temp_id_conflict", 409, "This temp_id was already used for a message in another chat.");

async function findByTempId(senderId: number, tempId: string) {
  return getDb().message.findUnique({ where: { senderId_tempId: { senderId, tempId } } });
}

async function existingByTempId(senderId: number, tempId: string, chatId: number): Promise<Message> {
  const found = await findByTempId(senderId, tempId);
  if (!found) throw tempIdInFlight();
  if (found.chatId !== chatId) throw tempIdOtherChat();
  return found;
}

/**
 * Stores a message and fans it out, for REST and the socket alike. Every attempt counts against the
 * sender's message rate limit, checked first. A text message goes through the group commit
 * (lib/messages/write-batch.ts): it shares one transaction with whatever else arrived meanwhile.
 * Resending the same temp_id returns the stored message (created: false) and publishes nothing.
 * A new message with a link queues its preview (fetched later, by the link_preview job).
 */
export async function sendMessage(
  input: SendInput,
  options: { exceptConnection?: string } = {},
): Promise<{ message: MessageView; created: boolean }> {
  const sent = await storeMessage(input, options);
  if (sent.created) await queueLinkPreview(sent.message);
  return sent;
}

async function storeMessage(
  input: SendInput,
  options: { exceptConnection?: string },
): Promise<{ message: MessageView; created: boolean }> {
  await countMessageSend(input.senderId);
  if (input.attachmentIds?.length) return sendAlone(input, options);
  const outcome = await submitSend({
    chatId: input.chatId,
    senderId: input.senderId,
    text: input.text,
    tempId: input.tempId ?? null,
    replyToId: input.replyToId ?? null,
    exceptConnection: options.exceptConnection,
  });
  if ("retryAlone" in outcome) return sendAlone(input, options);
  if ("refused" in outcome) {
    switch (outcome.refused) {
      case "not_found":
        throw notFound("chat");
      case "invalid_reply":
        throw invalidReply();
      case "peer_deleted":
        throw peerDeleted();
      case "temp_id_other_chat":
        throw tempIdOtherChat();
      case "temp_id_in_flight":
        throw tempIdInFlight();
    }
  }
  if (outcome.created) return { message: outcome.message, created: true };
  const [found, receipts] = await Promise.all([
    getDb().message.findUnique({ where: { id: outcome.messageId } }),
    receiptsOf(input.chatId),
  ]);
  if (!found) throw tempIdInFlight();
  return { message: await viewOf(found, receipts), created: false };
}

/**
 * One message in its own statement: with attachments, and for a batch that failed as a whole. It
 * locks the chat row, inserts, and moves the chat's last message and the author's own receipt:
 * ids within a chat are assigned in commit order, so a reader paging with after_id never skips a
 * message. Attachments are claimed by the same statement: the message is stored only if every one
 * of them is still the sender's unused finished upload.
 */
async function sendAlone(
  input: SendInput,
  options: { exceptConnection?: string },
): Promise<{ message: MessageView; created: boolean }> {
  const db = getDb();
  // The members' receipts double as the membership check.
  const receipts = await receiptsOf(input.chatId);
  if (!receipts.some((r) => r.userId === input.senderId)) throw notFound("chat");
  await refuseDeletedPeer(input.chatId, input.senderId);
  if (input.replyToId) {
    const target = await db.message.findUnique({ where: { id: input.replyToId }, select: { chatId: true } });
    if (target?.chatId !== input.chatId) throw invalidReply();
  }
  const tempId = input.tempId ?? null;
  const attachmentIds = input.attachmentIds ?? [];
  if (attachmentIds.length) {
    // A resend of a stored message: its attachments are already claimed, by that very message.
    const earlier = tempId ? await findByTempId(input.senderId, tempId) : null;
    if (earlier)
      return {
        message: await viewOf(await existingByTempId(input.senderId, tempId!, input.chatId), receipts),
        created: false,
      };
    await checkAttachable(input.senderId, attachmentIds);
  }
  const rows = await db.$queryRaw<MessageRow[]>(Prisma.sql`
    WITH locked AS (SELECT id FROM chats WHERE id = ${input.chatId} FOR UPDATE),
    claimable AS (
      SELECT id FROM attachments
      WHERE id = ANY(${attachmentIds}::int[]) AND uploader_id = ${input.senderId}
        AND message_id IS NULL AND status = 'ready' AND purpose = 'message'
      FOR UPDATE
    ),
    inserted AS (
      INSERT INTO messages (chat_id, sender_id, text, temp_id, reply_to_id)
      SELECT ${input.chatId}, ${input.senderId}, ${input.text}, ${tempId}, ${input.replyToId ?? null}::int FROM locked
      WHERE (SELECT count(*) FROM claimable) = ${attachmentIds.length}
      ON CONFLICT (sender_id, temp_id) DO NOTHING
      RETURNING ${MESSAGE_COLUMNS}
    ),
    attached AS (
      UPDATE attachments SET message_id = inserted.id, chat_id = inserted.chat_id
      FROM inserted WHERE attachments.id IN (SELECT id FROM claimable)
    ),
    chat AS (
      UPDATE chats SET last_message_id = inserted.id, last_activity_at = inserted.created_at, updated_at = now()
      FROM inserted WHERE chats.id = inserted.chat_id
    ),
    own AS (
      UPDATE chat_members SET last_read_id = inserted.id, last_delivered_id = inserted.id
      FROM inserted WHERE chat_members.chat_id = inserted.chat_id AND chat_members.user_id = inserted.sender_id
    )
    SELECT * FROM inserted`);

  if (!rows.length) {
    const earlier = tempId ? await findByTempId(input.senderId, tempId) : null;
    if (!earlier && attachmentIds.length) {
      throw conflict("attachment_in_use", "An attachment was sent in another message at the same moment.");
    }
    if (!tempId) throw notFound("chat");
    return {
      message: await viewOf(await existingByTempId(input.senderId, tempId, input.chatId), receipts),
      created: false,
    };
  }
  const view = await viewOf(fromMessageRow(rows[0]!), receipts);
  await deliverToReaders(
    receipts.map((r) => r.userId),
    input.senderId,
    [{ type: "new_message", conversation_id: input.chatId, message: view }],
    options.exceptConnection,
  );
  queuePushes([view.id]);
  return { message: view, created: true };
}

async function viewOf(message: Message, receipts: Receipt[]): Promise<MessageView> {
  return (await toMessages([message], receipts, message.senderId))[0]!;
}
