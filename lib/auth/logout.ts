import { unauthorized } from "../http/app-error.ts";
import { findRefreshToken, rejectReuse } from "./refresh.ts";
import { revokeDevices } from "./session.ts";

/** Ends the session the refresh token belongs to (any token of its family will do). */
export async function logout(refreshToken: string): Promise<void> {
  const row = await findRefreshToken(refreshToken);
  await revokeDevices({ userId: row.device.userId, deviceIds: [row.deviceId] }, "logout");
}

/** Ends every session of the user; needs the current token of a live session. */
export async function logoutAll(refreshToken: string): Promise<void> {
  const row = await findRefreshToken(refreshToken);
  if (row.device.revokedAt) throw unauthorized("session_revoked", "This session has ended; sign in again.");
  if (row.rotatedAt) await rejectReuse(row.device.userId, row.deviceId);
  await revokeDevices({ userId: row.device.userId }, "logout_all");
}
