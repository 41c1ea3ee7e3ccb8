import { revokeDevices } from "../auth/session.ts";
import type { Prisma } from "../db/client.ts";
import type { Message, User } from "../db/generated/client.ts";
import { AppError, conflict, notFound } from "../http/app-error.ts";
import { announceMessages, markModerated } from "../moderation/moderated-messages.ts";

type Tx = Prisma.TransactionClient;

export async function findTargetUser(tx: Tx, userId: number): Promise<User> {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("user");
  return user;
}

/**
 * Bans inside the caller's transaction (with its audit entry); `afterBan` then ends the sessions.
 * Admins cannot be banned (revoke the role first), which also keeps an admin from banning themselves.
 * With deleteMessages every message of theirs becomes a moderation tombstone.
 */
export async function banInTx(
  tx: Tx,
  input: { userId: number; deleteMessages: boolean; at: Date; alreadyBanned?: "error" | "ok" },
): Promise<{ user: User; removed: Message[] }> {
  const user = await findTargetUser(tx, input.userId);
  if (user.role === "admin")
    throw new AppError("cannot_ban_admin", 422, "Admins cannot be banned; revoke their admin role first.");
  if (user.bannedAt && input.alreadyBanned !== "ok")
    throw conflict("already_banned", "This person is already banned.");
  const banned = user.bannedAt
    ? user
    : await tx.user.update({ where: { id: user.id }, data: { bannedAt: input.at } });
  const removed = input.deleteMessages ? await markModerated(tx, { senderId: user.id }, input.at) : [];
  return { user: banned, removed };
}

/** Every session ends: REST refuses their tokens and their sockets close with 4401 user_banned. */
export async function afterBan(userId: number, removed: Message[]): Promise<void> {
  await revokeDevices({ userId }, "banned");
  await announceMessages(removed);
}

/** They may sign in again; messages removed by the ban stay removed. */
export async function unbanInTx(tx: Tx, userId: number): Promise<User> {
  const user = await findTargetUser(tx, userId);
  if (!user.bannedAt) throw conflict("not_banned", "This person is not banned.");
  return tx.user.update({ where: { id: userId }, data: { bannedAt: null } });
}
