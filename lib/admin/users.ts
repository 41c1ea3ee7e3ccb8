import type { z } from "zod";
import { getDb, type Prisma } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";
import { notFound } from "../http/app-error.ts";
import { page } from "../http/cursor.ts";
import { toWarning } from "../moderation/warnings.ts";
import { getPresence } from "../presence/store.ts";
import { toAuditViews } from "./audit-views.ts";
import { toAdminReports } from "./report-views.ts";
import type { listUsersSchema } from "./schemas.ts";

const RECENT = 20;

/** People as admins see them (e-mail, role, ban), with their warnings and reports waiting on them. */
async function toAdminUsers(users: User[]) {
  const ids = users.map((u) => u.id);
  const db = getDb();
  const [warnings, reports, online] = await Promise.all([
    db.warning.groupBy({ by: ["userId"], where: { userId: { in: ids } }, _count: { _all: true } }),
    db.report.groupBy({
      by: ["targetUserId"],
      where: { targetUserId: { in: ids }, status: { in: ["queued", "open"] } },
      _count: { _all: true },
    }),
    getPresence().onlineOf(ids),
  ]);
  const warningsOf = new Map(warnings.map((w) => [w.userId, w._count._all]));
  const reportsOf = new Map(reports.map((r) => [r.targetUserId, r._count._all]));
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    username: u.username,
    display_name: u.displayName,
    avatar_url: u.avatarUrl,
    role: u.role,
    created_at: u.createdAt.toISOString(),
    banned_at: u.bannedAt?.toISOString() ?? null,
    last_seen_at: u.lastSeenAt?.toISOString() ?? null,
    online: online.has(u.id),
    warnings_count: warningsOf.get(u.id) ?? 0,
    open_reports_count: reportsOf.get(u.id) ?? 0,
  }));
}

/** Search by username, name or e-mail; everyone, the banned, or the admins; newest accounts first. */
export async function listAdminUsers(query: z.infer<typeof listUsersSchema>) {
  const q = query.query?.replace(/^@/, "");
  const where: Prisma.UserWhereInput = {
    ...(query.filter === "banned" ? { bannedAt: { not: null } } : {}),
    ...(query.filter === "admins" ? { role: "admin" } : {}),
    ...(q
      ? {
          OR: [
            { username: { contains: q, mode: "insensitive" } },
            { displayName: { contains: q, mode: "insensitive" } },
            { email: { contains: q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(query.cursor ? { id: { lt: query.cursor } } : {}),
  };
  const rows = await getDb().user.findMany({ where, orderBy: { id: "desc" }, take: query.limit + 1 });
  const { items, nextCursor } = page(rows, query.limit);
  return { users: await toAdminUsers(items), next_cursor: nextCursor };
}

/** One person in full: every warning, the latest reports against them and actions about them. */
export async function getAdminUser(id: number) {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw notFound("user");
  const [[view], warnings, reports, actions] = await Promise.all([
    toAdminUsers([user]),
    db.warning.findMany({ where: { userId: id }, orderBy: { id: "desc" } }),
    db.report.findMany({ where: { targetUserId: id }, orderBy: { id: "desc" }, take: RECENT }),
    db.auditEntry.findMany({ where: { targetUserId: id }, orderBy: { id: "desc" }, take: RECENT }),
  ]);
  return {
    ...view!,
    warnings: warnings.map(toWarning),
    reports_against: await toAdminReports(reports, { context: false }),
    recent_actions: await toAuditViews(actions),
  };
}
