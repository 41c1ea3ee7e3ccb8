import { getPool } from "../db/client.ts";
import type { UserRole } from "../db/generated/client.ts";
import { AppError, forbidden, unauthorized } from "../http/app-error.ts";
import { recordActivity } from "../users/activity.ts";
import { verifyAccessToken } from "./access-token.ts";
import { deviceSession, noteDeviceUsed } from "./device-cache.ts";

/** Who is calling. The profile itself is not in here (it would be as stale as the cache): see account.ts. */
export type AuthContext = { userId: number; deviceId: number; role: UserRole };
/** An access token's context: the socket lives until `expiresAt` unless the client renews the token. */
export type TokenAuth = AuthContext & { expiresAt: Date };

const TOUCH_INTERVAL_MS = 60_000;

const TOUCH = {
  name: "stu_device_touch_v1",
  text: "UPDATE devices SET last_used_at = $2 WHERE id = $1 AND last_used_at < $2",
};

/** Off the request's path: a failed touch is only logged (the next request a minute on tries again). */
function touchDevice(deviceId: number, lastUsedAt: Date): void {
  const now = new Date();
  if (now.getTime() - lastUsedAt.getTime() <= TOUCH_INTERVAL_MS) return;
  noteDeviceUsed(deviceId, now);
  getPool()
    .query({ ...TOUCH, values: [deviceId, now] })
    .catch((error: Error) => console.error(`[stu] could not note a session's use: ${error.message}`));
}

/**
 * Resolves a device session to its user, refusing banned users and revoked sessions. A ban also
 * revokes every session, so the ban is checked first: the client is told why (403 user_banned).
 * The session comes from device-cache.ts (revocations evict it at once on every instance); `fresh`
 * reads it from PostgreSQL, for endpoints that must see a role change at once.
 */
export async function authenticateDevice(
  userId: number,
  deviceId: number,
  options: { fresh?: boolean } = {},
): Promise<AuthContext> {
  const session = await deviceSession(deviceId, options);
  if (!session || session.userId !== userId) {
    throw unauthorized("session_revoked", "This session has ended; sign in again.");
  }
  if (session.banned) throw forbidden("user_banned", "This account is banned.");
  if (session.revoked) throw unauthorized("session_revoked", "This session has ended; sign in again.");
  void recordActivity(userId); // once per user and day; it never throws
  touchDevice(deviceId, session.lastUsedAt);
  return { userId, deviceId, role: session.role };
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

export async function authenticateAccessToken(
  token: string,
  options: { fresh?: boolean } = {},
): Promise<TokenAuth> {
  const claims = await verifyAccessToken(token);
  return {
    ...(await authenticateDevice(claims.userId, claims.deviceId, options)),
    expiresAt: claims.expiresAt,
  };
}
