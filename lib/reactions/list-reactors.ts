import { getDb } from "../db/client.ts";
import { findMessage } from "../messages/change-message.ts";
import { summarize } from "./summary.ts";

export type ReactorView = { id: number; username: string; display_name: string };

/** Who put which emoji on a message (a tombstone has none), for the "who reacted" list. */
export async function listReactors(userId: number, messageId: number, chatId?: number) {
  const { message } = await findMessage(userId, messageId, chatId);
  if (message.deletedAt || message.moderatedAt) return { message_id: messageId, reactions: [] };
  const rows = await getDb().messageReaction.findMany({
    where: { messageId },
    include: { user: { select: { id: true, username: true, displayName: true } } },
    orderBy: { createdAt: "asc" },
  });
  const users = new Map<string, ReactorView[]>();
  for (const r of rows) {
    const user = { id: r.user.id, username: r.user.username, display_name: r.user.displayName };
    users.set(r.emoji, [...(users.get(r.emoji) ?? []), user]);
  }
  return {
    message_id: messageId,
    reactions: summarize(rows, userId).map((r) => ({ ...r, users: users.get(r.emoji) ?? [] })),
  };
}
