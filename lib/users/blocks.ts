import { getDb } from "../db/client.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { toUserSummary } from "./summary.ts";

const cannotBlockSelf = () => new AppError("cannot_block_self", 422, "You cannot block yourself.");

/** Any verified account, banned or not: a banned person can still be blocked and unblocked. */
async function requireAccount(id: number): Promise<void> {
  const user = await getDb().user.findFirst({
    where: { id, emailVerifiedAt: { not: null } },
    select: { id: true },
  });
  if (!user) throw notFound("user");
}

/** Idempotent: blocking someone already blocked changes nothing. */
export async function blockUser(blockerId: number, blockedId: number): Promise<void> {
  if (blockerId === blockedId) throw cannotBlockSelf();
  await requireAccount(blockedId);
  await getDb().userBlock.createMany({ data: [{ blockerId, blockedId }], skipDuplicates: true });
}

export async function unblockUser(blockerId: number, blockedId: number): Promise<void> {
  if (blockerId === blockedId) throw cannotBlockSelf();
  await requireAccount(blockedId);
  await getDb().userBlock.deleteMany({ where: { blockerId, blockedId } });
}

export async function listBlocks(blockerId: number) {
  const rows = await getDb().userBlock.findMany({
    where: { blockerId },
    include: { blocked: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({ user: toUserSummary(r.blocked), blocked_at: r.createdAt.toISOString() }));
}

/** The people this user blocked: their messages are left out of what the user reads. */
export async function blockedBy(blockerId: number): Promise<number[]> {
  const rows = await getDb().userBlock.findMany({ where: { blockerId }, select: { blockedId: true } });
  return rows.map((r) => r.blockedId);
}

/** Which of these users blocked `blockedId` (they get none of that person's messages live). */
export async function blockersAmong(blockedId: number, userIds: number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  const rows = await getDb().userBlock.findMany({
    where: { blockedId, blockerId: { in: userIds } },
    select: { blockerId: true },
  });
  return new Set(rows.map((r) => r.blockerId));
}

export async function hasBlocked(blockerId: number, blockedId: number): Promise<boolean> {
  const row = await getDb().userBlock.findUnique({
    where: { blockerId_blockedId: { blockerId, blockedId } },
    select: { blockerId: true },
  });
  return row !== null;
}
