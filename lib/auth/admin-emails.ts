import { appendAudit } from "../admin/audit-chain.ts";
import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";

/**
 * ADMIN_EMAILS also applies to accounts that existed before the address was listed: such a person
 * becomes an admin when they sign in, and the audit log records it as the system's doing.
 */
export async function applyAdminEmails(user: User): Promise<User> {
  if (user.role === "admin" || !getConfig().adminEmails.includes(user.email)) return user;
  return getDb().$transaction(async (tx) => {
    const promoted = await tx.user.update({ where: { id: user.id }, data: { role: "admin" } });
    await appendAudit(tx, {
      actorId: null,
      actorKind: "system",
      action: "grant_admin",
      targetUserId: user.id,
      reason: "listed in ADMIN_EMAILS",
    });
    return promoted;
  });
}
