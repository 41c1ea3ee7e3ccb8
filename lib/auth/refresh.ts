import { createHmac } from "node:crypto";
import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import { forbidden, unauthorized } from "../http/app-error.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { consume } from "../rate-limit/rate-limiter.ts";
import { signAccessToken } from "./access-token.ts";
import { RATE_LIMITS } from "./rate-limits.ts";
import { derivedKey } from "./secrets.ts";
import { hashRefreshToken, refreshExpiry, revokeDevices } from "./session.ts";

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

type TokenRow = Awaited<ReturnType<typeof findRefreshToken>>;

/**
 * The token that replaces `token` at rotation. It is derived (HMAC with a key of the server's) rather
 * than random so that a repeat of the same request can be answered with the same pair without keeping
 * a plaintext token anywhere: only its hash is stored, as for every refresh token.
 */
function successorOf(token: string): string {
  return `rt_${createHmac("sha256", derivedKey("refresh-successor")).update(token).digest("base64url")}`;
}

/**
 * Two requests of one client racing with the same token (two tabs, a retried request) are not a theft:
 * within the grace window, from the address that rotated it, and while the successor is still unused,
 * the repeat gets the same new pair. Anything else is reuse.
 */
async function replayWithinGrace(
  row: TokenRow,
  token: string,
  client: ClientInfo,
): Promise<RefreshedTokens | null> {
  const graceMs = getConfig().refreshReuseGrace * 1000;
  if (!row.rotatedAt || Date.now() - row.rotatedAt.getTime() > graceMs) return null;
  if (row.device.ip !== client.ip || row.device.revokedAt) return null;
  const successor = successorOf(token);
  const child = await getDb().refreshToken.findUnique({ where: { parentId: row.id } });
  if (!child || child.rotatedAt || child.tokenHash !== hashRefreshToken(successor)) return null;
  return issuedPair(row.device, successor, row.rotatedAt);
}

async function issuedPair(
  device: TokenRow["device"],
  refreshToken: string,
  rotatedAt: Date,
): Promise<RefreshedTokens> {
  const access = await signAccessToken({ userId: device.userId, deviceId: device.id }, rotatedAt);
  return {
    userId: device.userId,
    deviceId: device.id,
    accessToken: access.token,
    refreshToken,
    expiresIn: access.expiresIn,
  };
}

/** Rotation: the presented token is spent and a new one of the same family is issued. */
export async function refreshSession(token: string, client: ClientInfo): Promise<RefreshedTokens> {
  await consume(RATE_LIMITS.refreshPerIp, client.ip);
  const row = await findRefreshToken(token);
  const { device } = row;
  // A ban revokes the sessions too; the client is told it is a ban.
  if (device.user.bannedAt) throw forbidden("user_banned", "This account is banned.");
  if (device.revokedAt) throw sessionEnded();
  if (row.rotatedAt)
    return (await replayWithinGrace(row, token, client)) ?? rejectReuse(device.userId, device.id);
  if (row.expiresAt.getTime() <= Date.now()) {
    throw unauthorized("refresh_token_expired", "This session has expired; sign in again.");
  }

  const next = successorOf(token);
  const rotatedAt = new Date();
  const rotated = await getDb().$transaction(async (tx) => {
    const spent = await tx.refreshToken.updateMany({
      where: { id: row.id, rotatedAt: null },
      data: { rotatedAt },
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
  // Another request spent the same token a moment earlier: the same client's repeat, or reuse.
  if (!rotated) {
    const spent = await findRefreshToken(token);
    return (await replayWithinGrace(spent, token, client)) ?? rejectReuse(device.userId, device.id);
  }
  return issuedPair(device, next, rotatedAt);
}
