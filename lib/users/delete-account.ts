import { randomBytes } from "node:crypto";
import { checkPassword } from "../auth/check-password.ts";
import { hashPassword } from "../auth/password.ts";
import { revokeDevices } from "../auth/session.ts";
import { announceChatUpdate, announceMember } from "../chats/chat-events.ts";
import { removeMember } from "../chats/manage-chat.ts";
import { toMember } from "../chats/views.ts";
import { getDb } from "../db/client.ts";

export const DELETED_NAME = "Deleted account";

/**
 * Deletes the caller's account: they leave every group (ownership passes on as when leaving), the
 * profile is wiped and the e-mail freed, every session ends. The row stays, so messages they wrote
 * keep their place in other people's chats under "Deleted account"; dialogs stay for the other side.
 */
export async function deleteAccount(userId: number, password: string): Promise<void> {
  await checkPassword(userId, password);
  const db = getDb();
  const groups = await db.chatMember.findMany({
    where: { userId, chat: { type: "group" } },
    select: { chatId: true },
  });
  for (const { chatId } of groups) await removeMember(userId, chatId, userId);
  // No one can sign in with it again: nobody knows this password, and the e-mail is not theirs any more.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  await db.$transaction([
    db.user.update({
      where: { id: userId },
      data: {
        deletedAt: new Date(),
        // Outside what sign-up accepts (a hyphen, an .invalid domain), so nobody can take these over.
        email: `deleted-${userId}@deleted.invalid`,
        username: `deleted-${userId}`,
        displayName: DELETED_NAME,
        avatarUrl: null,
        passwordHash,
      },
    }),
    db.userBlock.deleteMany({ where: { OR: [{ blockerId: userId }, { blockedId: userId }] } }),
    db.verificationCode.deleteMany({ where: { userId } }),
  ]);
  await revokeDevices({ userId }, "account_deleted");
  await announceDeletion(userId);
}

/**
 * Tells the other side of each dialog, live: the member is now "Deleted account" (deleted: true, so
 * the app swaps the composer for a notice) and the dialog, titled after them, is renamed.
 */
async function announceDeletion(userId: number): Promise<void> {
  const rows = await getDb().chatMember.findMany({
    where: { userId, chat: { type: "dialog" } },
    include: { user: true, chat: { include: { members: { select: { userId: true } } } } },
  });
  for (const { chat, ...row } of rows) {
    const others = chat.members.map((m) => m.userId).filter((id) => id !== userId);
    await announceMember("member_updated", chat.id, toMember(row, false), userId, others);
    await announceChatUpdate({ ...chat, title: DELETED_NAME }, others);
  }
}
