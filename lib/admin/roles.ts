import { Prisma } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";
import { conflict } from "../http/app-error.ts";
import { findTargetUser } from "./ban-user.ts";

type Tx = Prisma.TransactionClient;

// Role changes take turns, so two admins revoking each other at once cannot leave none.
const ROLES_LOCK = Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('stu:admin_roles'))`;

export async function grantAdminInTx(tx: Tx, userId: number): Promise<User> {
  await tx.$executeRaw(ROLES_LOCK);
  const user = await findTargetUser(tx, userId);
  if (user.role === "admin") throw conflict("already_admin", "This person is already an admin.");
  return tx.user.update({ where: { id: userId }, data: { role: "admin" } });
}

export async function revokeAdminInTx(tx: Tx, userId: number): Promise<User> {
  await tx.$executeRaw(ROLES_LOCK);
  const user = await findTargetUser(tx, userId);
  if (user.role !== "admin") throw conflict("not_admin", "This person is not an admin.");
  const admins = await tx.user.count({ where: { role: "admin", bannedAt: null } });
  if (admins <= 1)
    throw conflict("last_admin", "This is the last admin; grant the role to someone else first.");
  return tx.user.update({ where: { id: userId }, data: { role: "user" } });
}
