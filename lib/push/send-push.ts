import webPush from "web-push";
import { getConfig } from "../config/env.ts";

export type PushTarget = { endpoint: string; p256dh: string; auth: string };

/** sent; gone: the push service no longer knows the subscription (404/410); failed: try again later. */
export type PushResult = "sent" | "gone" | "failed";

/** A message not delivered within a day is stale: push services drop it rather than wake a device late. */
export const PUSH_TTL_SECONDS = 24 * 3600;
const TIMEOUT_MS = 10_000;

/**
 * One encrypted (aes128gcm) push with a VAPID signature. web-push builds the request; it is sent
 * with fetch because web-push's own sender speaks https only and the tests' stand-in speaks http.
 */
export async function sendPush(target: PushTarget, payload: object): Promise<PushResult> {
  const { push } = getConfig();
  const request = webPush.generateRequestDetails(
    { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
    JSON.stringify(payload),
    {
      vapidDetails: {
        subject: push.vapidSubject,
        publicKey: push.vapidPublicKey,
        privateKey: push.vapidPrivateKey,
      },
      TTL: PUSH_TTL_SECONDS,
      urgency: "high",
    },
  );
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
  // fetch sets the length itself and refuses a hand-set one.
  delete headers["Content-Length"];
  try {
    const res = await fetch(request.endpoint, {
      method: request.method,
      headers,
      body: request.body ? new Uint8Array(request.body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
    await res.body?.cancel();
    if (res.ok) return "sent";
    return res.status === 404 || res.status === 410 ? "gone" : "failed";
  } catch {
    return "failed";
  }
}
