import { requireMembership } from "../chats/membership.ts";
import { getDb, Prisma } from "../db/client.ts";
import type { Message } from "../db/generated/client.ts";
import { AppError } from "../http/app-error.ts";
import { deliver } from "../realtime/deliver.ts";
import { type MessageView, receiptsOf, toMessage } from "./serialize.ts";

export type SendInput = {
  chatId: number;
  senderId: number;
  text: string;
  tempId?: string | null;
  replyToId?: number | null;
};

async function existingByTempId(senderId: number, tempId: string, chatId: number): Promise<Message | null> {
  const found = await getDb().message.findUnique({ where: { senderId_tempId: { senderId, tempId } } });
  if (found && found.chatId !== chatId) {
    throw new AppError(
      "temp_id_conflict",
      409,
      "This temp_id was already used for a message in another chat.",
    );
  }
  return found;
}

/**
 * Stores a message and fans it out. The chat row is locked while inserting, so ids within a chat
 * are assigned in commit order: a reader paging with after_id never skips a message.
 * Resending the same temp_id returns the stored message (created: false) and publishes nothing.
 */
export async function sendMessage(
  input: SendInput,
  options: { exceptConnection?: string } = {},
): Promise<{ message: MessageView; created: boolean }> {
  await requireMembership(input.chatId, input.senderId);
  const db = getDb();
  const tempId = input.tempId ?? null;
  if (tempId) {
    const found = await existingByTempId(input.senderId, tempId, input.chatId);
    if (found) return { message: toMessage(found, await receiptsOf(input.chatId)), created: false };
  }
  if (input.replyToId) {
    const target = await db.message.findUnique({ where: { id: input.replyToId }, select: { chatId: true } });
    if (target?.chatId !== input.chatId) {
      throw new AppError("invalid_reply", 422, "reply_to_id must be a message of the same chat.");
    }
  }

  let message: Message;
  try {
    message = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM chats WHERE id = ${input.chatId} FOR UPDATE`;
      const created = await tx.message.create({
        data: {
          chatId: input.chatId,
          senderId: input.senderId,
          text: input.text,
          tempId,
          replyToId: input.replyToId ?? null,
        },
      });
      await tx.chat.update({
        where: { id: input.chatId },
        data: { lastMessageId: created.id, lastActivityAt: created.createdAt },
      });
      // The author has seen their own message.
      await tx.chatMember.update({
        where: { chatId_userId: { chatId: input.chatId, userId: input.senderId } },
        data: { lastReadId: created.id, lastDeliveredId: created.id },
      });
      return created;
    });
  } catch (error) {
    // The same temp_id raced in on another connection: that one won, return it.
    if (tempId && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const found = await existingByTempId(input.senderId, tempId, input.chatId);
      if (found) return { message: toMessage(found, await receiptsOf(input.chatId)), created: false };
    }
    throw error;
  }

  const receipts = await receiptsOf(input.chatId);
  const view = toMessage(message, receipts);
  await deliver(
    receipts.map((r) => r.userId),
    [{ type: "new_message", conversation_id: input.chatId, message: view }],
    options.exceptConnection,
  );
  return { message: view, created: true };
}
