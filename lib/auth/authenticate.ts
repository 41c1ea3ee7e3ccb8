import { getDb } from "../db/client.ts";
import type { User, UserRole } from "../db/generated/client.ts";
import { AppError, forbidden, unauthorized } from "../http/app-error.ts";
import { recordActivity } from "../users/activity.ts";
import { verifyAccessToken } from "./access-token.ts";

export type AuthContext = { userId: number; deviceId: number; role: UserRole; user: User };
/** An access token's context: the socket lives until `expiresAt` unless the client renews the token. */
export type TokenAuth = AuthContext & { expiresAt: Date };

const TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves a device session to its user, refusing banned users and revoked sessions. A ban also
 * revokes every session, so the ban is checked first: the client is told why (403 user_banned).
 */
export async function authenticateDevice(userId: number, deviceId: number): Promise<AuthContext> {
  const db = getDb();
  const device = await db.device.findUnique({ where: { id: deviceId }, include: { user: true } });
  if (!device || device.userId !== userId) {
    throw unauthorized("session_revoked", "This session has ended; sign in again.");
  }
  if (device.user.bannedAt) throw forbidden("user_banned", "This account is banned.");
  if (device.revokedAt) throw unauthorized("session_revoked", "This session has ended; sign in again.");
  await recordActivity(userId);
  if (Date.now() - device.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.device.update({ where: { id: deviceId }, data: { lastUsedAt: new Date() } });
  }
  return { userId, deviceId, role: device.user.role, user: device.user };
}

/**
 * A socket renewing its access token in place: the new token must be valid and of the same session
 * (a socket never changes hands). Any failure reads as invalid_token to the client.
 */
export async function renewTokenAuth(current: AuthContext, token: string): Promise<TokenAuth> {
  let renewed: TokenAuth;
  try {
    renewed = await authenticateAccessToken(token);
  } catch (error) {
    if (error instanceof AppError && error.status === 401) throw unauthorized("invalid_token", error.message);
    throw error;
  }
  if (renewed.userId !== current.userId || renewed.deviceId !== current.deviceId) {
    throw unauthorized("invalid_token", "This token belongs to another session than this connection.");
  }
  return renewed;
}

export async function authenticateAccessToken(token: string): Promise<TokenAuth> {
  const claims = await verifyAccessToken(token);
  return { ...(await authenticateDevice(claims.userId, claims.deviceId)), expiresAt: claims.expiresAt };
}
