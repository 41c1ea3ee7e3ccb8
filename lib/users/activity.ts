import { getDb, Prisma } from "../db/client.ts";

const SEEN = Symbol.for("stu.activity-days");
type State = { day: string; users: Set<number> };
type WithState = typeof globalThis & { [SEEN]?: State };

/**
 * Notes that the user used stu today (UTC), for the admin stats' active users per day: one insert
 * per user per day and instance, remembered in memory (on globalThis: Next's bundle and server/
 * load separate copies of this module). Never fails the request it is part of.
 */
export async function recordActivity(userId: number, now = new Date()): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  const g = globalThis as WithState;
  if (g[SEEN]?.day !== day) g[SEEN] = { day, users: new Set() };
  const state = g[SEEN];
  if (state.users.has(userId)) return;
  state.users.add(userId);
  try {
    await getDb().$executeRaw(Prisma.sql`
      INSERT INTO user_activity_days (day, user_id) VALUES (${day}::date, ${userId})
      ON CONFLICT DO NOTHING`);
  } catch (error) {
    state.users.delete(userId);
    console.error(`[stu] could not record activity: ${(error as Error).message}`);
  }
}
