import { getDb } from "../db/client.ts";
import type { Chat } from "../db/generated/client.ts";
import { AppError, forbidden } from "../http/app-error.ts";
import { avatarFromUpload } from "../media/set-avatar.ts";
import { getPresence } from "../presence/store.ts";
import { announceChat, announceChatUpdate, announceMember, announceMemberRemoved } from "./chat-events.ts";
import { requireUsers } from "./create-chat.ts";
import { memberIds, requireGroupAdmin, requireMembership } from "./membership.ts";
import { MAX_GROUP_MEMBERS } from "./schemas.ts";
import { toMember } from "./views.ts";

/** Renames a group or sets its avatar (owner/admin). */
export async function updateChat(
  userId: number,
  chatId: number,
  change: { title?: string; avatarId?: number | null },
): Promise<Chat> {
  const membership = await requireMembership(chatId, userId);
  requireGroupAdmin(membership);
  const avatarUrl =
    change.avatarId === undefined || change.avatarId === null
      ? change.avatarId
      : await avatarFromUpload(userId, change.avatarId);
  const chat = await getDb().chat.update({ where: { id: chatId }, data: { title: change.title, avatarUrl } });
  await announceChatUpdate(chat, await memberIds(chatId));
  return chat;
}

export async function addMembers(userId: number, chatId: number, userIds: number[]): Promise<Chat> {
  const membership = await requireMembership(chatId, userId);
  requireGroupAdmin(membership);
  const db = getDb();
  const current = new Set(await memberIds(chatId));
  const added = [...new Set(userIds)].filter((id) => !current.has(id));
  if (current.size + added.length > MAX_GROUP_MEMBERS) {
    throw new AppError("too_many_members", 422, `A group can have at most ${MAX_GROUP_MEMBERS} members.`);
  }
  await requireUsers(added);
  if (!added.length) return membership.chat;
  // Newcomers see the history but start with nothing unread.
  const lastId = membership.chat.lastMessageId ?? 0;
  await db.chatMember.createMany({
    data: added.map((id) => ({ chatId, userId: id, lastReadId: lastId, lastDeliveredId: lastId })),
    skipDuplicates: true,
  });
  const rows = await db.chatMember.findMany({
    where: { chatId, userId: { in: added } },
    include: { user: true },
  });
  const everyone = [...current, ...added];
  const online = await getPresence().onlineOf(added);
  for (const row of rows)
    await announceMember("member_added", chatId, toMember(row, online.has(row.userId)), userId, everyone);
  await announceChat(membership.chat, added);
  return membership.chat;
}

/** Leave (user removes themself) or remove someone (owner/admin; admins cannot remove the owner or admins). */
export async function removeMember(userId: number, chatId: number, targetId: number): Promise<void> {
  const membership = await requireMembership(chatId, userId);
  const db = getDb();
  if (membership.chat.type !== "group")
    throw forbidden("not_a_group", "You cannot leave or remove people from a dialog.");
  const before = await memberIds(chatId);
  if (targetId !== userId) {
    requireGroupAdmin(membership);
    const target = await db.chatMember.findUnique({ where: { chatId_userId: { chatId, userId: targetId } } });
    if (!target) throw new AppError("not_found", 404, "That person is not in this group.");
    if (target.role !== "member" && membership.member.role !== "owner") {
      throw forbidden("not_chat_owner", "Only the owner can remove an admin or the owner.");
    }
  }
  await db.$transaction(async (tx) => {
    await tx.chatMember.delete({ where: { chatId_userId: { chatId, userId: targetId } } });
    const leaving = targetId === userId ? membership.member : null;
    if (leaving?.role === "owner") {
      // Ownership passes to the longest-standing admin, else the longest-standing member.
      const heir = await tx.chatMember.findFirst({
        where: { chatId },
        orderBy: [{ role: "asc" }, { joinedAt: "asc" }],
      });
      if (heir)
        await tx.chatMember.update({
          where: { chatId_userId: { chatId, userId: heir.userId } },
          data: { role: "owner" },
        });
    }
  });
  await announceMemberRemoved(chatId, targetId, userId, before);
}

export async function setMemberRole(
  userId: number,
  chatId: number,
  targetId: number,
  role: "admin" | "member",
) {
  const membership = await requireMembership(chatId, userId);
  requireGroupAdmin(membership);
  if (membership.member.role !== "owner")
    throw forbidden("not_chat_owner", "Only the owner can change roles.");
  if (targetId === userId)
    throw new AppError("invalid_role_change", 422, "The owner's role cannot be changed.");
  const db = getDb();
  const updated = await db.chatMember.update({
    where: { chatId_userId: { chatId, userId: targetId } },
    data: { role },
    include: { user: true },
  });
  const view = toMember(updated, (await getPresence().onlineOf([targetId])).has(targetId));
  await announceMember("member_updated", chatId, view, userId, await memberIds(chatId));
  return view;
}
