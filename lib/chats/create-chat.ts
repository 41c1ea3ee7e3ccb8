import { getDb, Prisma } from "../db/client.ts";
import type { Chat } from "../db/generated/client.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { hasBlocked } from "../users/blocks.ts";
import { announceChat } from "./chat-events.ts";
import { MAX_GROUP_MEMBERS } from "./schemas.ts";

const dialogKey = (a: number, b: number) => `${Math.min(a, b)}:${Math.max(a, b)}`;

/** Users who can be added to a chat: verified, not banned. Unknown ids are a 422 naming them. */
export async function requireUsers(ids: number[]): Promise<void> {
  if (!ids.length) return;
  const found = await getDb().user.findMany({
    where: { id: { in: ids }, emailVerifiedAt: { not: null }, bannedAt: null },
    select: { id: true },
  });
  const known = new Set(found.map((u) => u.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new AppError("unknown_users", 422, `No such user: ${unknown.join(", ")}.`, {
      details: { user_ids: unknown },
    });
  }
}

/**
 * Exactly one dialog per pair: an existing one is returned (created: false), never duplicated. A
 * person who blocked the caller cannot be asked for a new dialog: for the caller they do not exist.
 */
export async function openDialog(userId: number, otherId: number): Promise<{ chat: Chat; created: boolean }> {
  if (otherId === userId) throw new AppError("invalid_dialog", 422, "A dialog needs another person.");
  await requireUsers([otherId]);
  const db = getDb();
  const key = dialogKey(userId, otherId);
  const existing = await db.chat.findUnique({ where: { dialogKey: key } });
  if (existing) return { chat: existing, created: false };
  if (await hasBlocked(otherId, userId)) throw notFound("user");
  try {
    const chat = await db.chat.create({
      data: {
        type: "dialog",
        dialogKey: key,
        createdById: userId,
        members: { create: [{ userId }, { userId: otherId }] },
      },
    });
    await announceChat(chat, [userId, otherId]);
    return { chat, created: true };
  } catch (error) {
    // Both people opened the dialog at the same moment: the other request created it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { chat: await db.chat.findUniqueOrThrow({ where: { dialogKey: key } }), created: false };
    }
    throw error;
  }
}

export async function openDialogByEmail(userId: number, email: string) {
  const other = await getDb().user.findFirst({
    where: { email, emailVerifiedAt: { not: null }, bannedAt: null },
  });
  if (!other) throw new AppError("unknown_users", 422, "Nobody with that e-mail uses stu.");
  return openDialog(userId, other.id);
}

export async function createGroup(userId: number, title: string, members: number[]): Promise<Chat> {
  const others = [...new Set(members)].filter((id) => id !== userId);
  if (others.length + 1 > MAX_GROUP_MEMBERS) {
    throw new AppError("too_many_members", 422, `A group can have at most ${MAX_GROUP_MEMBERS} members.`);
  }
  await requireUsers(others);
  const chat = await getDb().chat.create({
    data: {
      type: "group",
      title,
      createdById: userId,
      members: { create: [{ userId, role: "owner" }, ...others.map((id) => ({ userId: id }))] },
    },
  });
  await announceChat(chat, [userId, ...others]);
  return chat;
}
