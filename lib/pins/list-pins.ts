import { requireMembership } from "../chats/membership.ts";
import { getDb } from "../db/client.ts";
import { receiptsOf, toMessages } from "../messages/serialize.ts";
import { blockedBy } from "../users/blocks.ts";
import { MAX_PINS, pinView } from "./pin-message.ts";

/**
 * A chat's pins, newest pin first, each with its message as the caller sees it. Pins of messages the
 * caller deleted for themselves, or of people they blocked, are left out, as history leaves them out.
 */
export async function listPins(userId: number, chatId: number) {
  await requireMembership(chatId, userId);
  const blocked = await blockedBy(userId);
  const pins = await getDb().messagePin.findMany({
    where: {
      chatId,
      message: { senderId: { notIn: blocked }, hides: { none: { userId } } },
    },
    include: { message: true },
    orderBy: { pinnedAt: "desc" },
    take: MAX_PINS,
  });
  const messages = await toMessages(
    pins.map((p) => p.message),
    await receiptsOf(chatId),
    userId,
  );
  return pins.map((pin, i) => ({ ...pinView(pin), message: messages[i]! }));
}
