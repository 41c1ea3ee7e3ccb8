import type { SessionView } from "../auth/sessions.ts";
import { ApiError, api } from "./api.ts";

/** One signed-in device, as GET /v1/auth/sessions answers it (a type-only import: nothing of the server is bundled). */
export type DeviceSession = SessionView;

export function listSessions(): Promise<DeviceSession[]> {
  return api<DeviceSession[]>("/v1/auth/sessions");
}

export function revokeSession(deviceId: number): Promise<void> {
  return api<void>(`/v1/auth/sessions/${deviceId}`, { method: "DELETE" });
}

/**
 * Signs out every device but this one. The API has no single call for it (logout_all also ends the
 * current session and needs a refresh token the browser never sees), so each device is revoked in turn.
 */
export async function revokeOtherSessions(sessions: DeviceSession[]): Promise<void> {
  const results = await Promise.allSettled(
    sessions.filter((s) => !s.current).map((s) => revokeSession(s.device_id)),
  );
  // A device that signed out meanwhile (404) is what we wanted anyway.
  const failed = results.find(
    (r) => r.status === "rejected" && !(r.reason instanceof ApiError && r.reason.status === 404),
  );
  if (failed?.status === "rejected") throw failed.reason;
}
