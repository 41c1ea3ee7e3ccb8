import { getDb, Prisma } from "../db/client.ts";
import { getPresence } from "../presence/store.ts";

type Day = { date: string; count: number };

const DAY_MS = 86_400_000;

/**
 * Counts per UTC day from `first` to `last`, oldest first, every day present (0 when none).
 * `source` is a query of (day date) rows, one per thing counted.
 */
async function perDay(first: string, last: string, source: Prisma.Sql): Promise<Day[]> {
  return getDb().$queryRaw<Day[]>(Prisma.sql`
    WITH counted AS (SELECT day, count(*)::int AS count FROM (${source}) AS source GROUP BY day)
    SELECT to_char(d, 'YYYY-MM-DD') AS date, COALESCE(counted.count, 0)::int AS count
    FROM generate_series(${first}::date, ${last}::date, interval '1 day') AS d
    LEFT JOIN counted ON counted.day = d::date
    ORDER BY d`);
}

const since = (first: string) => Prisma.sql`${first}::date AT TIME ZONE 'UTC'`;

/** The admin dashboard: people, activity, messages, chats, reports, live sockets, storage, database. */
export async function adminStats(days: number, now = new Date()) {
  const db = getDb();
  const first = new Date(now.getTime() - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  const last = now.toISOString().slice(0, 10);
  const [users, messages, chats, reports, storage, size, newUsers, activeUsers, messagesPerDay, live] =
    await Promise.all([
      db.$queryRaw<
        { total: number; active_24h: number; active_7d: number; banned: number; admins: number }[]
      >(
        Prisma.sql`
        SELECT
          (SELECT count(*)::int FROM users WHERE email_verified_at IS NOT NULL) AS total,
          (SELECT count(DISTINCT user_id)::int FROM devices WHERE last_used_at > now() - interval '24 hours') AS active_24h,
          (SELECT count(DISTINCT user_id)::int FROM devices WHERE last_used_at > now() - interval '7 days') AS active_7d,
          (SELECT count(*)::int FROM users WHERE banned_at IS NOT NULL) AS banned,
          (SELECT count(*)::int FROM users WHERE role = 'admin') AS admins`,
      ),
      db.message.count(),
      db.chat.groupBy({ by: ["type"], _count: { _all: true } }),
      db.report.groupBy({
        by: ["status"],
        where: { status: { in: ["queued", "open"] } },
        _count: { _all: true },
      }),
      db.attachment.aggregate({ where: { status: "ready" }, _sum: { size: true }, _count: { _all: true } }),
      db.$queryRaw<{ size: bigint }[]>(Prisma.sql`SELECT pg_database_size(current_database()) AS size`),
      perDay(
        first,
        last,
        Prisma.sql`SELECT (created_at AT TIME ZONE 'UTC')::date AS day FROM users
          WHERE email_verified_at IS NOT NULL AND created_at >= ${since(first)}`,
      ),
      perDay(first, last, Prisma.sql`SELECT day FROM user_activity_days WHERE day >= ${first}::date`),
      perDay(
        first,
        last,
        Prisma.sql`SELECT (created_at AT TIME ZONE 'UTC')::date AS day FROM messages
          WHERE created_at >= ${since(first)}`,
      ),
      getPresence().counts(),
    ]);
  const chatsOf = (type: string) => chats.find((c) => c.type === type)?._count._all ?? 0;
  const reportsOf = (status: string) => reports.find((r) => r.status === status)?._count._all ?? 0;
  return {
    users: users[0]!,
    new_users_per_day: newUsers,
    active_users_per_day: activeUsers,
    messages: { total: messages },
    messages_per_day: messagesPerDay,
    chats: {
      total: chatsOf("dialog") + chatsOf("group"),
      dialogs: chatsOf("dialog"),
      groups: chatsOf("group"),
    },
    reports: { queued: reportsOf("queued"), open: reportsOf("open") },
    sockets_online: live.sockets,
    users_online: live.users,
    storage: { uploads_bytes: storage._sum.size ?? 0, attachments: storage._count._all },
    database: { size_bytes: Number(size[0]?.size ?? 0) },
    generated_at: now.toISOString(),
  };
}
