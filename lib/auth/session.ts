import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { removeSubscriptions } from "../push/subscriptions.ts";
import { getBus } from "../realtime/bus.ts";
import { recordActivity } from "../users/activity.ts";
import { signAccessToken } from "./access-token.ts";
import { forgetDevices } from "./device-cache.ts";
import { randomToken, sha256 } from "./secrets.ts";

export type DeviceInfo = ClientInfo & { deviceName?: string; platform?: string };

export type SessionTokens = {
  userId: number;
  deviceId: number;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
};

export const newRefreshToken = () => randomToken("rt_");
export const hashRefreshToken = (token: string) => sha256(token);
export const refreshExpiry = () => new Date(Date.now() + getConfig().refreshTokenTtl * 1000);

/** A new device (one login) with the first refresh token of its rotation family. */
export async function createSession(user: Pick<User, "id">, device: DeviceInfo): Promise<SessionTokens> {
  const refreshToken = newRefreshToken();
  const created = await getDb().device.create({
    data: {
      userId: user.id,
      name: (device.deviceName ?? "").slice(0, 100),
      platform: (device.platform ?? "").slice(0, 40),
      userAgent: device.userAgent,
      ip: device.ip,
      refreshTokens: { create: { tokenHash: hashRefreshToken(refreshToken), expiresAt: refreshExpiry() } },
    },
  });
  const access = await signAccessToken({ userId: user.id, deviceId: created.id });
  await recordActivity(user.id);
  return {
    userId: user.id,
    deviceId: created.id,
    accessToken: access.token,
    refreshToken,
    expiresIn: access.expiresIn,
  };
}

/**
 * Ends sessions: their refresh tokens stop working, access tokens are refused, sockets close (with
 * reason user_banned for a ban, session_revoked otherwise).
 */
export async function revokeDevices(
  where: { userId: number; deviceIds?: number[] },
  reason: string,
): Promise<number[]> {
  const db = getDb();
  const filter = {
    userId: where.userId,
    revokedAt: null,
    ...(where.deviceIds ? { id: { in: where.deviceIds } } : {}),
  };
  const devices = await db.device.findMany({ where: filter, select: { id: true } });
  if (!devices.length) return [];
  const deviceIds = devices.map((d) => d.id);
  await db.device.updateMany({
    where: { id: { in: deviceIds }, revokedAt: null },
    data: { revokedAt: new Date(), revokeReason: reason },
  });
  // The bus evicts them on every instance (this one included); evicting here too does not depend on it.
  forgetDevices(deviceIds);
  // A signed-out device must not be woken with notifications for an account it has left.
  await removeSubscriptions(deviceIds);
  getBus().publish({
    type: "sessions_revoked",
    deviceIds,
    reason: reason === "banned" ? "user_banned" : "session_revoked",
  });
  return deviceIds;
}
