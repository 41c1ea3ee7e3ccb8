import { z } from "zod";
import { ConfigError } from "./config-error.ts";
import { parseDurationSeconds } from "./duration.ts";

export type CallsConfig = {
  /** stun:/stuns: URLs handed to clients as they are. */
  stunUrls: string[];
  /** turn:/turns: URLs; clients get credentials for them (static, or minted from turnSecret). */
  turnUrls: string[];
  /** coturn's `static-auth-secret` (`use-auth-secret`): stu mints short-lived TURN credentials with it. */
  turnSecret: string | undefined;
  /** Fixed TURN credentials, for a TURN server without the REST API (used when there is no secret). */
  turnUsername: string | undefined;
  turnPassword: string | undefined;
  /** How long minted TURN credentials stay valid, in seconds. */
  turnTtl: number;
  /** "relay" makes every client send media only through TURN (hides their addresses from each other). */
  iceTransportPolicy: "all" | "relay";
  /** An unanswered call stops ringing and is recorded as missed after this many seconds. */
  ringTimeout: number;
  /** A participant whose socket dropped has this many seconds to reconnect before they leave the call. */
  reconnectGrace: number;
  /** Most people in one group call (a mesh: each sends its media to every other). */
  maxParticipants: number;
};

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function seconds(name: string, raw: string | undefined, fallback: string, min: number, max: number): number {
  const value = parseDurationSeconds(raw?.trim() || fallback);
  if (value === null || value < min || value > max) {
    throw new ConfigError(
      `Invalid setting ${name}: expected a duration from ${min} to ${max} seconds, e.g. ${fallback}`,
    );
  }
  return value;
}

function urls(name: string, raw: string | undefined, schemes: string[]): string[] {
  const values = list(raw);
  for (const value of values) {
    // RFC 7064/7065 URIs: scheme:host[:port][?transport=udp|tcp]
    const match = /^([a-z]+):(\[[0-9a-fA-F:.]+\]|[^\s:/?#[\]@]+)(:\d{1,5})?(\?transport=(udp|tcp))?$/.exec(
      value,
    );
    if (!match || !schemes.includes(match[1]!)) {
      throw new ConfigError(
        `Invalid setting ${name}: "${value}" is not a ${schemes.join(" or ")} URL, e.g. ${schemes[0]}:turn.example.org:3478`,
      );
    }
  }
  return values;
}

const optional = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** STUN_URLS, TURN_URLS, TURN_SECRET, TURN_TTL, … (see README "Calls"). */
export function parseCallsConfig(env: NodeJS.ProcessEnv): CallsConfig {
  const turnSecret = optional(env.TURN_SECRET);
  const turnUsername = optional(env.TURN_USERNAME);
  const turnPassword = optional(env.TURN_PASSWORD);
  if (!!turnUsername !== !!turnPassword) {
    throw new ConfigError("Invalid setting TURN_USERNAME: TURN_USERNAME and TURN_PASSWORD go together");
  }
  const turnUrls = urls("TURN_URLS", env.TURN_URLS, ["turn", "turns"]);
  if (turnUrls.length && !turnSecret && !turnUsername) {
    throw new ConfigError(
      "Missing setting TURN_SECRET: TURN_URLS needs coturn's static-auth-secret (or TURN_USERNAME and TURN_PASSWORD)",
    );
  }
  const policy = z.enum(["all", "relay"]).safeParse(optional(env.ICE_TRANSPORT_POLICY) ?? "all");
  if (!policy.success) throw new ConfigError("Invalid setting ICE_TRANSPORT_POLICY: expected all or relay");
  if (policy.data === "relay" && !turnUrls.length) {
    throw new ConfigError("Invalid setting ICE_TRANSPORT_POLICY: relay needs TURN_URLS");
  }
  const maxParticipants = Number(optional(env.CALL_MAX_PARTICIPANTS) ?? 8);
  if (!Number.isInteger(maxParticipants) || maxParticipants < 2 || maxParticipants > 8) {
    throw new ConfigError(
      "Invalid setting CALL_MAX_PARTICIPANTS: expected a whole number from 2 to 8 (calls are a mesh)",
    );
  }
  return {
    stunUrls: urls("STUN_URLS", env.STUN_URLS, ["stun", "stuns"]),
    turnUrls,
    turnSecret,
    turnUsername,
    turnPassword,
    turnTtl: seconds("TURN_TTL", env.TURN_TTL, "24h", 60, 7 * 86400),
    iceTransportPolicy: policy.data,
    ringTimeout: seconds("CALL_RING_TIMEOUT", env.CALL_RING_TIMEOUT, "30s", 1, 300),
    reconnectGrace: seconds("CALL_RECONNECT_GRACE", env.CALL_RECONNECT_GRACE, "20s", 1, 300),
    maxParticipants,
  };
}
