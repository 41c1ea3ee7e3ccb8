import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { iceConfigFor } from "@/lib/calls/ice-servers.ts";
import { parseCallsConfig as parseEnv } from "@/lib/config/calls-config.ts";

// NODE_ENV is not one of the calls settings.
const parse = (env: Record<string, string>) => parseEnv(env as NodeJS.ProcessEnv);

const now = new Date("2026-12-03T10:00:00.250Z");
const nowSeconds = Math.floor(now.getTime() / 1000);

describe("ICE servers for a user", () => {
  it("are none without STUN or TURN settings", () => {
    expect(iceConfigFor({ userId: 7, now, calls: parse({}) })).toEqual({
      ice_servers: [],
      ttl: 86400,
      expires_at: new Date((nowSeconds + 86400) * 1000).toISOString(),
      ice_transport_policy: "all",
    });
  });

  it("mint coturn REST credentials: <unix expiry>:<user id> and base64 HMAC-SHA1 of it", () => {
    const calls = parse({
      STUN_URLS: "stun:stun.example.org:3478",
      TURN_URLS: "turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349",
      TURN_SECRET: "s3cret",
      TURN_TTL: "10m",
      ICE_TRANSPORT_POLICY: "relay",
    });
    const config = iceConfigFor({ userId: 42, now, calls });
    const username = `${nowSeconds + 600}:42`;
    expect(config).toEqual({
      ice_servers: [
        { urls: ["stun:stun.example.org:3478"] },
        {
          urls: ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"],
          username,
          credential: createHmac("sha1", "s3cret").update(username).digest("base64"),
        },
      ],
      ttl: 600,
      expires_at: new Date((nowSeconds + 600) * 1000).toISOString(),
      ice_transport_policy: "relay",
    });
    // A vector from `printf 3600:1 | openssl dgst -sha1 -hmac s3cret -binary | base64`, so a change of
    // encoding (hex, base64url) cannot slip through.
    expect(
      iceConfigFor({ userId: 1, now: new Date(0), calls: { ...calls, turnTtl: 3600 } }).ice_servers[1],
    ).toMatchObject({ username: "3600:1", credential: "sl70h6nTJTHgMXlvubW/b1htAiU=" });
  });

  it("hand out the static TURN_USERNAME/TURN_PASSWORD without a secret", () => {
    const calls = parse({
      TURN_URLS: "turn:turn.example.org:3478",
      TURN_USERNAME: "stu",
      TURN_PASSWORD: "pw",
    });
    expect(iceConfigFor({ userId: 9, now, calls }).ice_servers).toEqual([
      { urls: ["turn:turn.example.org:3478"], username: "stu", credential: "pw" },
    ]);
  });
});
