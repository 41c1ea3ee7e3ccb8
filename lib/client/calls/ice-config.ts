import { api } from "../api.ts";
import { type IceConfig, iceConfig } from "./types.ts";

export const RELAY_KEY = "stu.calls.relay";

/** "Always relay calls" in Settings → Calls. */
export function alwaysRelay(): boolean {
  try {
    return localStorage.getItem(RELAY_KEY) === "1";
  } catch {
    return false;
  }
}

export type IceSettings = { config: RTCConfiguration; renewInMs: number };

/** The RTCConfiguration for a call from `/v1/calls/config`: TURN credentials are short-lived, so fetched fresh. */
export async function fetchIceSettings(): Promise<IceSettings> {
  const answer: IceConfig = iceConfig.parse(await api<unknown>("/v1/calls/config"));
  const relay = alwaysRelay() || answer.ice_transport_policy === "relay";
  return {
    config: {
      iceServers: answer.ice_servers.map((s) => ({
        urls: s.urls,
        username: s.username,
        credential: s.credential,
      })),
      iceTransportPolicy: relay ? "relay" : "all",
      bundlePolicy: "max-bundle",
    },
    // Renewed when half the lifetime has passed, so an ICE restart late in a long call still authenticates.
    renewInMs: Math.max(30_000, (answer.ttl * 1000) / 2),
  };
}
