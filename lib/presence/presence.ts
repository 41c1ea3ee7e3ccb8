import { getDb, Prisma } from "../db/client.ts";
import { deliver } from "../realtime/deliver.ts";

/** Everyone who shares a chat with the user: they are the ones who see the user's presence. */
async function contactsOf(userId: number): Promise<number[]> {
  const rows = await getDb().$queryRaw<{ user_id: number }[]>(Prisma.sql`
    SELECT DISTINCT other.user_id FROM chat_members mine
    JOIN chat_members other ON other.chat_id = mine.chat_id
    WHERE mine.user_id = ${userId} AND other.user_id <> ${userId}`);
  return rows.map((r) => r.user_id);
}

/** Tells the user's contacts (and the user's other devices) that they came online or went away. */
export async function announcePresence(userId: number, online: boolean): Promise<void> {
  let lastSeen: Date | null;
  if (online) {
    lastSeen =
      (await getDb().user.findUnique({ where: { id: userId }, select: { lastSeenAt: true } }))?.lastSeenAt ??
      null;
  } else {
    lastSeen = new Date();
    await getDb().user.update({ where: { id: userId }, data: { lastSeenAt: lastSeen } });
  }
  const body = { user_id: userId, online, last_seen_at: lastSeen?.toISOString() ?? null };
  // api-contract.md calls it online_status, api-skeleton.md presence.
  deliver(
    [userId, ...(await contactsOf(userId))],
    [
      { type: "online_status", ...body },
      { type: "presence", ...body },
    ],
  );
}
