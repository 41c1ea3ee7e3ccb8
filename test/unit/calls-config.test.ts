import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCallsConfig as parseEnv } from "@/lib/config/calls-config.ts";
import { ConfigError } from "@/lib/config/config-error.ts";
import { parseConfig } from "@/lib/config/env.ts";

// NODE_ENV is not one of the calls settings.
const parse = (env: Record<string, string>) => parseEnv(env as NodeJS.ProcessEnv);

const TURN = { TURN_URLS: "turn:turn.example.org:3478", TURN_SECRET: "coturn static-auth-secret" };

describe("calls configuration", () => {
  it("needs nothing: no ICE servers, 24 h credentials, 30 s ring, 20 s grace, 8 people", () => {
    expect(parse({})).toEqual({
      stunUrls: [],
      turnUrls: [],
      turnSecret: undefined,
      turnUsername: undefined,
      turnPassword: undefined,
      turnTtl: 86400,
      iceTransportPolicy: "all",
      ringTimeout: 30,
      reconnectGrace: 20,
      maxParticipants: 8,
    });
  });

  it("reads comma-separated STUN and TURN URLs with hosts, IPv6 literals, ports and transports", () => {
    const config = parse({
      STUN_URLS: " stun:stun.example.org:3478, stun:[2001:db8::1]:3478 ,stuns:stun.example.org",
      TURN_URLS:
        "turn:turn.example.org:3478?transport=udp,turn:203.0.113.7:3478?transport=tcp,turns:turn.example.org:5349",
      TURN_SECRET: "  s3cret  ",
      TURN_TTL: "1h",
      ICE_TRANSPORT_POLICY: "relay",
      CALL_RING_TIMEOUT: "2m",
      CALL_RECONNECT_GRACE: "45",
      CALL_MAX_PARTICIPANTS: "4",
    });
    expect(config).toEqual({
      stunUrls: ["stun:stun.example.org:3478", "stun:[2001:db8::1]:3478", "stuns:stun.example.org"],
      turnUrls: [
        "turn:turn.example.org:3478?transport=udp",
        "turn:203.0.113.7:3478?transport=tcp",
        "turns:turn.example.org:5349",
      ],
      turnSecret: "s3cret",
      turnUsername: undefined,
      turnPassword: undefined,
      turnTtl: 3600,
      iceTransportPolicy: "relay",
      ringTimeout: 120,
      reconnectGrace: 45,
      maxParticipants: 4,
    });
  });

  it("takes static TURN_USERNAME/TURN_PASSWORD instead of a secret", () => {
    const config = parse({ TURN_URLS: TURN.TURN_URLS, TURN_USERNAME: "stu", TURN_PASSWORD: "pw" });
    expect([config.turnSecret, config.turnUsername, config.turnPassword]).toEqual([undefined, "stu", "pw"]);
  });

  it.each([
    [{ STUN_URLS: "http://stun.example.org" }, /^Invalid setting STUN_URLS: "http:\/\/stun.example.org"/],
    [{ STUN_URLS: "turn:turn.example.org" }, /^Invalid setting STUN_URLS/],
    [{ STUN_URLS: "stun:stun.example.org:3478/path" }, /^Invalid setting STUN_URLS/],
    [{ STUN_URLS: "stun:user@stun.example.org" }, /^Invalid setting STUN_URLS/],
    [{ ...TURN, TURN_URLS: "stun:turn.example.org" }, /^Invalid setting TURN_URLS/],
    [{ ...TURN, TURN_URLS: "turn:turn.example.org?transport=sctp" }, /^Invalid setting TURN_URLS/],
    [{ ...TURN, TURN_URLS: "turn:turn.example.org:123456" }, /^Invalid setting TURN_URLS/],
    [{ TURN_URLS: TURN.TURN_URLS }, /^Missing setting TURN_SECRET/],
    [
      { ...TURN, TURN_USERNAME: "stu" },
      /^Invalid setting TURN_USERNAME: TURN_USERNAME and TURN_PASSWORD go together/,
    ],
    [{ TURN_PASSWORD: "pw" }, /^Invalid setting TURN_USERNAME/],
    [{ ICE_TRANSPORT_POLICY: "maybe" }, /^Invalid setting ICE_TRANSPORT_POLICY: expected all or relay/],
    [{ ICE_TRANSPORT_POLICY: "relay" }, /^Invalid setting ICE_TRANSPORT_POLICY: relay needs TURN_URLS/],
    [
      { ...TURN, TURN_TTL: "30s" },
      /^Invalid setting TURN_TTL: expected a duration from 60 to 604800 seconds/,
    ],
    [{ ...TURN, TURN_TTL: "8d" }, /^Invalid setting TURN_TTL/],
    [{ ...TURN, TURN_TTL: "a day" }, /^Invalid setting TURN_TTL/],
    [{ CALL_RING_TIMEOUT: "0" }, /^Invalid setting CALL_RING_TIMEOUT/],
    [{ CALL_RING_TIMEOUT: "6m" }, /^Invalid setting CALL_RING_TIMEOUT/],
    [{ CALL_RECONNECT_GRACE: "-1" }, /^Invalid setting CALL_RECONNECT_GRACE/],
    [
      { CALL_MAX_PARTICIPANTS: "1" },
      /^Invalid setting CALL_MAX_PARTICIPANTS: expected a whole number from 2 to 8/,
    ],
    [{ CALL_MAX_PARTICIPANTS: "9" }, /^Invalid setting CALL_MAX_PARTICIPANTS/],
    [{ CALL_MAX_PARTICIPANTS: "3.5" }, /^Invalid setting CALL_MAX_PARTICIPANTS/],
    [{ CALL_MAX_PARTICIPANTS: "eight" }, /^Invalid setting CALL_MAX_PARTICIPANTS/],
  ])("refuses %j with a ConfigError naming the setting", (env, message) => {
    expect(() => parse(env)).toThrow(ConfigError);
    expect(() => parse(env)).toThrow(message);
  });

  it("is part of the server's configuration, so a bad setting stops start-up", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-calls-config-"));
    const base = { NODE_ENV: "development", STU_DATA_DIR: dataDir, AUTH_SECRET: "s".repeat(32) } as const;
    expect(parseConfig({ ...base, ...TURN }).calls.turnUrls).toEqual([TURN.TURN_URLS]);
    expect(() => parseConfig({ ...base, TURN_URLS: TURN.TURN_URLS })).toThrow(/^Missing setting TURN_SECRET/);
  });
});
