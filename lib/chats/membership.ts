import { getDb } from "../db/client.ts";
import type { Chat, ChatMember } from "../db/generated/client.ts";
import { forbidden, notFound } from "../http/app-error.ts";

export type Membership = { chat: Chat; member: ChatMember };

/** The caller's membership; a chat they are not in does not exist for them (404, never 403). */
export async function requireMembership(chatId: number, userId: number): Promise<Membership> {
  const member = await getDb().chatMember.findUnique({
    where: { chatId_userId: { chatId, userId } },
    include: { chat: true },
  });
  if (!member) throw notFound("chat");
  const { chat, ...rest } = member;
  return { chat, member: rest };
}

/** A dialog whose other side deleted their account takes no new messages, as in Telegram. */
export const peerDeleted = () =>
  forbidden("user_deleted", "This account was deleted; it can no longer receive messages.");

/**
 * Refuses a send into a dialog with a deleted account. Groups never hold one (deleting an account
 * leaves every group first), so their members are not looked at; the send batch's peer_ok is the
 * same rule in SQL.
 */
export async function refuseDeletedPeer(chatId: number, senderId: number): Promise<void> {
  const gone = await getDb().chatMember.count({
    where: {
      chatId,
      chat: { type: "dialog" },
      userId: { not: senderId },
      user: { deletedAt: { not: null } },
    },
  });
  if (gone) throw peerDeleted();
}

export function requireGroupAdmin({ chat, member }: Membership): void {
  if (chat.type !== "group") throw forbidden("not_a_group", "Only groups have members to manage.");
  if (member.role === "member")
    throw forbidden("not_chat_admin", "Only the group's owner or admins can do that.");
}

export async function memberIds(chatId: number): Promise<number[]> {
  const rows = await getDb().chatMember.findMany({ where: { chatId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}
