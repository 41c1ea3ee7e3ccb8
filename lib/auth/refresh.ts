import { getDb } from "../db/client.ts";
import { forbidden, unauthorized } from "../http/app-error.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { consume } from "../rate-limit/rate-limiter.ts";
import { signAccessToken } from "./access-token.ts";
import { RATE_LIMITS } from "./rate-limits.ts";
import { hashRefreshToken, newRefreshToken, refreshExpiry, revokeDevices } from "./session.ts";

export type RefreshedTokens = {
  userId: number;
  deviceId: number;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
};

const invalidToken = () =>
  unauthorized("invalid_refresh_token", "This refresh token is not valid; sign in again.");
const sessionEnded = () => unauthorized("session_revoked", "This session has ended; sign in again.");

/** Finds a refresh token with its device; every call that takes a refresh token starts here. */
export async function findRefreshToken(token: string) {
  const row = await getDb().refreshToken.findUnique({
    where: { tokenHash: hashRefreshToken(token) },
    include: { device: { include: { user: true } } },
  });
  if (!row) throw invalidToken();
  return row;
}

/** A rotated token presented again means it leaked: end the whole session it belongs to. */
export async function rejectReuse(userId: number, deviceId: number): Promise<never> {
  await revokeDevices({ userId, deviceIds: [deviceId] }, "refresh_token_reused");
  throw unauthorized(
    "refresh_token_reused",
    "This refresh token was already used, so the session was ended to protect the account. Sign in again.",
  );
}

/** Rotation: the presented token is spent and a new one of the same family is issued. */
export async function refreshSession(token: string, client: ClientInfo): Promise<RefreshedTokens> {
  await consume(RATE_LIMITS.refreshPerIp, client.ip);
  const row = await findRefreshToken(token);
  const { device } = row;
  if (device.revokedAt) throw sessionEnded();
  if (row.rotatedAt) return rejectReuse(device.userId, device.id);
  if (row.expiresAt.getTime() <= Date.now()) {
    throw unauthorized("refresh_token_expired", "This session has expired; sign in again.");
  }
  if (device.user.bannedAt) throw forbidden("user_banned", "This account is banned.");

  const next = newRefreshToken();
  const rotated = await getDb().$transaction(async (tx) => {
    const spent = await tx.refreshToken.updateMany({
      where: { id: row.id, rotatedAt: null },
      data: { rotatedAt: new Date() },
    });
    if (!spent.count) return false;
    await tx.refreshToken.create({
      data: {
        deviceId: device.id,
        tokenHash: hashRefreshToken(next),
        parentId: row.id,
        expiresAt: refreshExpiry(),
      },
    });
    await tx.device.update({ where: { id: device.id }, data: { lastUsedAt: new Date(), ip: client.ip } });
    return true;
  });
  // Another request spent the same token a moment earlier: that is reuse too.
  if (!rotated) return rejectReuse(device.userId, device.id);

  const access = await signAccessToken({ userId: device.userId, deviceId: device.id });
  return {
    userId: device.userId,
    deviceId: device.id,
    accessToken: access.token,
    refreshToken: next,
    expiresIn: access.expiresIn,
  };
}
