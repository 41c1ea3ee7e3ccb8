import { getDb } from "../db/client.ts";
import { notFound } from "../http/app-error.ts";
import { revokeDevices } from "./session.ts";

export type SessionView = {
  id: number;
  device_id: number;
  device_name: string;
  platform: string;
  user_agent: string;
  ip: string;
  created_at: string;
  last_used_at: string;
  current: boolean;
  /** The device has a Web Push subscription. */
  push: boolean;
};

/** The user's live sessions (devices), most recently used first. */
export async function listSessions(userId: number, currentDeviceId: number): Promise<SessionView[]> {
  const devices = await getDb().device.findMany({
    where: {
      userId,
      revokedAt: null,
      refreshTokens: { some: { rotatedAt: null, expiresAt: { gt: new Date() } } },
    },
    orderBy: { lastUsedAt: "desc" },
    include: { pushSubscription: { select: { id: true } } },
  });
  return devices.map((d) => ({
    id: d.id,
    device_id: d.id,
    device_name: d.name,
    platform: d.platform,
    user_agent: d.userAgent,
    ip: d.ip,
    created_at: d.createdAt.toISOString(),
    last_used_at: d.lastUsedAt.toISOString(),
    current: d.id === currentDeviceId,
    push: d.pushSubscription !== null,
  }));
}

export async function revokeSession(userId: number, deviceId: number): Promise<void> {
  const revoked = await revokeDevices({ userId, deviceIds: [deviceId] }, "revoked_by_user");
  if (!revoked.length) throw notFound("session");
}
