import { type Membership, memberIds } from "../chats/membership.ts";
import { getDb } from "../db/client.ts";
import type { MessagePin } from "../db/generated/client.ts";
import { AppError, conflict, forbidden } from "../http/app-error.ts";
import { findMessage } from "../messages/change-message.ts";
import { deliver } from "../realtime/deliver.ts";

/** Like Telegram's: enough for the important messages of a busy group, few enough to cycle through. */
export const MAX_PINS = 100;

export type PinInput = { userId: number; messageId: number; chatId?: number };

/** Both people of a dialog; in a group its owner and admins. */
export function canPin({ chat, member }: Pick<Membership, "chat" | "member">): boolean {
  return chat.type === "dialog" || member.role !== "member";
}

function requirePinRight(membership: Membership): void {
  if (!canPin(membership))
    throw forbidden("not_chat_admin", "Only the group's owner or admins can pin messages.");
}

export type PinEvent = { pinned: boolean; by: number; pinnedAt: Date | null };

/** message_pin, to every member: their pinned bars follow. */
export async function announcePin(chatId: number, messageId: number, event: PinEvent): Promise<void> {
  deliver(await memberIds(chatId), [
    {
      type: "message_pin",
      conversation_id: chatId,
      message_id: messageId,
      pinned: event.pinned,
      by: event.by,
      pinned_at: event.pinnedAt?.toISOString() ?? null,
    },
  ]);
}

export const pinView = (pin: MessagePin) => ({
  chat_id: pin.chatId,
  message_id: pin.messageId,
  pinned: true,
  pinned_by: pin.pinnedById,
  pinned_at: pin.pinnedAt.toISOString(),
});

/**
 * Pins a message of a chat the user may pin in; idempotent (pinning a pinned message changes
 * nothing and tells no one). The chat's pins are counted under a lock on the chat row, so the cap
 * holds when two admins pin at once.
 */
export async function pinMessage(input: PinInput) {
  const { message, membership } = await findMessage(input.userId, input.messageId, input.chatId);
  requirePinRight(membership);
  if (message.deletedAt || message.moderatedAt)
    throw new AppError("message_deleted", 409, "A deleted message cannot be pinned.");
  const { pin, created } = await getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM chats WHERE id = ${message.chatId} FOR UPDATE`;
    const existing = await tx.messagePin.findUnique({ where: { messageId: message.id } });
    if (existing) return { pin: existing, created: false };
    if ((await tx.messagePin.count({ where: { chatId: message.chatId } })) >= MAX_PINS)
      throw conflict(
        "too_many_pins",
        `A chat can have at most ${MAX_PINS} pinned messages; unpin one first.`,
      );
    // Strictly after the chat's latest pin, so "newest pin first" holds for two pins in one millisecond.
    const latest = await tx.messagePin.findFirst({
      where: { chatId: message.chatId },
      orderBy: { pinnedAt: "desc" },
      select: { pinnedAt: true },
    });
    const pinnedAt = new Date(Math.max(Date.now(), (latest?.pinnedAt.getTime() ?? 0) + 1));
    const pin = await tx.messagePin.create({
      data: { messageId: message.id, chatId: message.chatId, pinnedById: input.userId, pinnedAt },
    });
    return { pin, created: true };
  });
  if (created)
    await announcePin(message.chatId, message.id, { pinned: true, by: input.userId, pinnedAt: pin.pinnedAt });
  return pinView(pin);
}

/** Unpins; idempotent like pinning. */
export async function unpinMessage(input: PinInput): Promise<void> {
  const { message, membership } = await findMessage(input.userId, input.messageId, input.chatId);
  requirePinRight(membership);
  await dropPin(message.chatId, message.id, input.userId);
}

/** Removes a message's pin, if it has one, and tells the members (a deleted message loses its pin). */
export async function dropPin(chatId: number, messageId: number, by: number): Promise<void> {
  const { count } = await getDb().messagePin.deleteMany({ where: { messageId } });
  if (count) await announcePin(chatId, messageId, { pinned: false, by, pinnedAt: null });
}
