import { refuseDeletedPeer, requireMembership } from "../chats/membership.ts";
import { getDb } from "../db/client.ts";
import type { Message } from "../db/generated/client.ts";
import { AppError, conflict, notFound } from "../http/app-error.ts";
import { blockedBy } from "../users/blocks.ts";
import { deliverToReaders } from "./deliver-to-readers.ts";
import { countMessageSend } from "./send-rate.ts";
import { type MessageView, receiptsOf, toMessages } from "./serialize.ts";

export type ForwardInput = {
  userId: number;
  targetChatId: number;
  fromChatId: number;
  messageIds: number[];
  /** Makes a retry idempotent: message i of the forward is stored with temp_id "<temp_id>:<i>". */
  tempId?: string | null;
};

const notForwardable = (why: string) => new AppError("not_forwardable", 422, why);

/**
 * The messages to forward, oldest first, as the caller sees them in the source chat: any one they
 * cannot see there (not in it, deleted for them, by someone they blocked) is a 404, a tombstone or a
 * call entry a 422.
 */
async function sourceMessages(input: ForwardInput): Promise<Message[]> {
  await requireMembership(input.fromChatId, input.userId);
  const blocked = await blockedBy(input.userId);
  const found = await getDb().message.findMany({
    where: {
      id: { in: input.messageIds },
      chatId: input.fromChatId,
      senderId: { notIn: blocked },
      hides: { none: { userId: input.userId } },
    },
    orderBy: { id: "asc" },
  });
  if (found.length !== input.messageIds.length) throw notFound("message");
  for (const m of found) {
    if (m.deletedAt || m.moderatedAt)
      throw notForwardable(`Message ${m.id} was deleted and cannot be forwarded.`);
    if (m.callId !== null) throw notForwardable(`Message ${m.id} is a call entry and cannot be forwarded.`);
  }
  return found;
}

/** A forward of a forward names the original author, as Telegram does. */
async function originsOf(messages: Message[]) {
  const senderIds = [...new Set(messages.filter((m) => m.forwardedFromName === null).map((m) => m.senderId))];
  const senders = await getDb().user.findMany({
    where: { id: { in: senderIds } },
    select: { id: true, displayName: true, username: true },
  });
  const nameOf = new Map(senders.map((u) => [u.id, u.displayName || u.username]));
  return messages.map((m) =>
    m.forwardedFromName !== null
      ? {
          forwardedFromUserId: m.forwardedFromUserId,
          forwardedFromName: m.forwardedFromName,
          forwardedFromMessageId: m.forwardedFromMessageId,
          forwardedFromChatId: m.forwardedFromChatId,
        }
      : {
          forwardedFromUserId: m.senderId,
          forwardedFromName: nameOf.get(m.senderId) ?? "",
          forwardedFromMessageId: m.id,
          forwardedFromChatId: m.chatId,
        },
  );
}

/**
 * Forwards messages of one chat into another, each as a new message of the caller, in their
 * original order, with their attachments (new rows sharing the stored bytes, so the target's members
 * may download them). One transaction with the target chat locked, so the forwarded messages get
 * consecutive ids and nothing interleaves them. Counts as one send against the caller's rate limit;
 * readers who blocked the caller get no live event, as for any send. With a temp_id a retry returns
 * the messages already stored (created: false).
 */
export async function forwardMessages(
  input: ForwardInput,
): Promise<{ messages: MessageView[]; created: boolean }> {
  await countMessageSend(input.userId);
  await requireMembership(input.targetChatId, input.userId);
  await refuseDeletedPeer(input.targetChatId, input.userId);
  const tempIds = input.tempId ? input.messageIds.map((_, i) => `${input.tempId}:${i}`) : [];
  const earlier = await storedForward(input, tempIds);
  if (earlier) return { messages: earlier, created: false };
  const sources = await sourceMessages(input);
  const origins = await originsOf(sources);
  const db = getDb();
  const created = await db
    .$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM chats WHERE id = ${input.targetChatId} FOR UPDATE`;
      const rows: Message[] = [];
      for (const [i, source] of sources.entries()) {
        rows.push(
          await tx.message.create({
            data: {
              chatId: input.targetChatId,
              senderId: input.userId,
              text: source.text,
              tempId: tempIds[i] ?? null,
              ...origins[i],
            },
          }),
        );
      }
      const attachments = await tx.attachment.findMany({
        where: { messageId: { in: sources.map((s) => s.id) } },
        orderBy: { id: "asc" },
      });
      const copyOf = new Map(sources.map((s, i) => [s.id, rows[i]!.id]));
      await tx.attachment.createMany({
        data: attachments.map(({ id: _id, createdAt: _at, uploadTokenUsedAt: _used, ...a }) => ({
          ...a,
          uploaderId: input.userId,
          messageId: copyOf.get(a.messageId!)!,
          chatId: input.targetChatId,
        })),
      });
      const last = rows.at(-1)!;
      await tx.chat.update({
        where: { id: input.targetChatId },
        data: { lastMessageId: last.id, lastActivityAt: last.createdAt },
      });
      await tx.chatMember.update({
        where: { chatId_userId: { chatId: input.targetChatId, userId: input.userId } },
        data: { lastReadId: last.id, lastDeliveredId: last.id },
      });
      return rows;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "P2002")
        throw conflict("temp_id_conflict", "This temp_id is being used by another forward; retry.");
      throw error;
    });
  const receipts = await receiptsOf(input.targetChatId);
  const views = await toMessages(created, receipts, input.userId);
  await deliverToReaders(
    receipts.map((r) => r.userId),
    input.userId,
    views.map((message) => ({ type: "new_message", conversation_id: input.targetChatId, message })),
  );
  return { messages: views, created: true };
}

/** The messages a forward with this temp_id already stored in this chat, or null. */
async function storedForward(input: ForwardInput, tempIds: string[]): Promise<MessageView[] | null> {
  if (!tempIds.length) return null;
  const found = await getDb().message.findMany({
    where: { senderId: input.userId, tempId: { in: tempIds } },
    orderBy: { id: "asc" },
  });
  if (!found.length) return null;
  if (found.some((m) => m.chatId !== input.targetChatId) || found.length !== tempIds.length)
    throw conflict("temp_id_conflict", "This temp_id was already used for other messages.");
  return toMessages(found, await receiptsOf(input.targetChatId), input.userId);
}
