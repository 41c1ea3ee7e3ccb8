import { createHmac } from "node:crypto";
import type { CallsConfig } from "../config/calls-config.ts";
import { getConfig } from "../config/env.ts";

/** One RTCIceServer as the browser takes it. */
export type IceServer = { urls: string[]; username?: string; credential?: string };

/** The body of GET /v1/calls/config. */
export type IceConfig = {
  ice_servers: IceServer[];
  /** Seconds the TURN credentials stay valid; the client renews after half of it. */
  ttl: number;
  expires_at: string;
  ice_transport_policy: CallsConfig["iceTransportPolicy"];
};

/**
 * coturn's TURN REST API (`use-auth-secret`): the password of a username is
 * base64(HMAC-SHA1(static-auth-secret, username)), recomputed by coturn, so nothing is stored.
 */
export function turnRestPassword(secret: string, username: string): string {
  return createHmac("sha1", secret).update(username).digest("base64");
}

/**
 * The ICE servers a user's browser gets for a call: STUN_URLS as they are, TURN_URLS with
 * credentials minted for this user (`<unix expiry>:<user_id>`, valid for TURN_TTL) or the static ones.
 */
export function iceConfigFor(input: { userId: number; now?: Date; calls?: CallsConfig }): IceConfig {
  const calls = input.calls ?? getConfig().calls;
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const expiry = nowSeconds + calls.turnTtl;
  const iceServers: IceServer[] = [];
  if (calls.stunUrls.length) iceServers.push({ urls: calls.stunUrls });
  if (calls.turnUrls.length) {
    if (calls.turnSecret) {
      const username = `${expiry}:${input.userId}`;
      iceServers.push({
        urls: calls.turnUrls,
        username,
        credential: turnRestPassword(calls.turnSecret, username),
      });
    } else {
      // parseCallsConfig refuses TURN_URLS without a secret or both static credentials.
      iceServers.push({ urls: calls.turnUrls, username: calls.turnUsername, credential: calls.turnPassword });
    }
  }
  return {
    ice_servers: iceServers,
    ttl: calls.turnTtl,
    expires_at: new Date(expiry * 1000).toISOString(),
    ice_transport_policy: calls.iceTransportPolicy,
  };
}
