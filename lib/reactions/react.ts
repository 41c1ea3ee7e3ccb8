import { getDb } from "../db/client.ts";
import { AppError, conflict } from "../http/app-error.ts";
import { findMessage } from "../messages/change-message.ts";
import { deliverToReaders } from "../messages/deliver-to-readers.ts";
import { MAX_EMOJI_PER_MESSAGE, MAX_EMOJI_PER_PERSON } from "./schemas.ts";
import { type ReactionView, summarize, withoutMe } from "./summary.ts";

export type ReactInput = {
  userId: number;
  messageId: number;
  emoji: string;
  action: "add" | "remove";
  /** The chat of the REST path; a socket frame names only the message. */
  chatId?: number;
};

export type ReactResult = { message_id: number; conversation_id: number; reactions: ReactionView[] };

const tooMany = (message: string) => conflict("too_many_reactions", message);

/**
 * Adds or removes one emoji of one person on a message of a chat they are in (404 otherwise), both
 * idempotent. The message row is locked meanwhile, so the caps hold under concurrent reactions and
 * a message being deleted or removed at the same moment takes none. Members hear of a change as a
 * `reaction` event with the new counts (each client knows its own `me`).
 */
export async function react(input: ReactInput): Promise<ReactResult> {
  const { userId, messageId, emoji, action } = input;
  const { message, membership } = await findMessage(userId, messageId, input.chatId);
  if (message.callId !== null) throw new AppError("call_entry", 422, "A call entry takes no reactions.");
  const { changed, rows } = await getDb().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ deleted_at: Date | null; moderated_at: Date | null }[]>`
      SELECT deleted_at, moderated_at FROM messages WHERE id = ${messageId} FOR UPDATE`;
    if (locked?.deleted_at) throw conflict("message_deleted", "A deleted message takes no reactions.");
    if (locked?.moderated_at)
      throw conflict("message_removed", "A message removed by moderation takes no reactions.");
    const before = await tx.messageReaction.findMany({ where: { messageId } });
    const mine = before.filter((r) => r.userId === userId);
    const had = mine.some((r) => r.emoji === emoji);
    if (action === "add" && !had) {
      if (mine.length >= MAX_EMOJI_PER_PERSON)
        throw tooMany(`One person can put at most ${MAX_EMOJI_PER_PERSON} emoji on a message.`);
      if (
        !before.some((r) => r.emoji === emoji) &&
        new Set(before.map((r) => r.emoji)).size >= MAX_EMOJI_PER_MESSAGE
      )
        throw tooMany(`A message can carry at most ${MAX_EMOJI_PER_MESSAGE} different emoji.`);
      const added = await tx.messageReaction.create({ data: { messageId, userId, emoji } });
      return { changed: true, rows: [...before, added] };
    }
    if (action === "remove" && had) {
      await tx.messageReaction.delete({ where: { messageId_userId_emoji: { messageId, userId, emoji } } });
      return { changed: true, rows: before.filter((r) => !(r.userId === userId && r.emoji === emoji)) };
    }
    return { changed: false, rows: before };
  });
  const reactions = summarize(rows, userId);
  if (changed) {
    const members = await getDb().chatMember.findMany({
      where: { chatId: message.chatId },
      select: { userId: true },
    });
    await deliverToReaders(
      members.map((m) => m.userId),
      message.senderId,
      [
        {
          type: "reaction",
          conversation_id: membership.chat.id,
          message_id: messageId,
          emoji,
          user_id: userId,
          action,
          reactions: withoutMe(reactions),
        },
      ],
    );
  }
  return { message_id: messageId, conversation_id: message.chatId, reactions };
}
