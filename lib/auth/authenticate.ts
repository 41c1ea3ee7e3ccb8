import { getDb } from "../db/client.ts";
import type { User, UserRole } from "../db/generated/client.ts";
import { forbidden, unauthorized } from "../http/app-error.ts";
import { verifyAccessToken } from "./access-token.ts";

export type AuthContext = { userId: number; deviceId: number; role: UserRole; user: User };

const TOUCH_INTERVAL_MS = 60_000;

/** Resolves a device session to its user, refusing revoked sessions and banned users. */
export async function authenticateDevice(userId: number, deviceId: number): Promise<AuthContext> {
  const db = getDb();
  const device = await db.device.findUnique({ where: { id: deviceId }, include: { user: true } });
  if (!device || device.userId !== userId || device.revokedAt) {
    throw unauthorized("session_revoked", "This session has ended; sign in again.");
  }
  if (device.user.bannedAt) throw forbidden("user_banned", "This account is banned.");
  if (Date.now() - device.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.device.update({ where: { id: deviceId }, data: { lastUsedAt: new Date() } });
  }
  return { userId, deviceId, role: device.user.role, user: device.user };
}

export async function authenticateAccessToken(token: string): Promise<AuthContext> {
  const claims = await verifyAccessToken(token);
  return authenticateDevice(claims.userId, claims.deviceId);
}
