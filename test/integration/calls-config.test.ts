import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, Api, createAccount, expectError, type ServerUrls } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { freePort } from "../support/free-port.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { turnAllocate } from "../support/turn-client.ts";
import { startTurnServer, type TurnServer, turnServerAvailable } from "../support/turn-server.ts";

const hmac = (secret: string, username: string) =>
  createHmac("sha1", secret).update(username).digest("base64");
const unixNow = () => Math.floor(Date.now() / 1000);
const withTurn = turnServerAvailable();

describe("GET /v1/calls/config on a server without call settings", () => {
  it("answers 401 without a token, with and without the /v1 prefix", async () => {
    const api = new Api();
    expectError(await api.get("/v1/calls/config"), 401, "unauthorized");
    expectError(await api.get("/calls/config"), 401, "unauthorized");
    expectError(await api.get("/v1/calls/config", "not-a-token"), 401, "invalid_token");
  });

  it("gives a signed-in user no ICE servers, never cached", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const res = await api.get("/v1/calls/config", alice.accessToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toMatchObject({ ice_servers: [], ttl: 86400, ice_transport_policy: "all" });
    expect(Date.parse(res.body.expires_at)).toBeGreaterThan(Date.now() + 86_000_000);
    expect((await api.get("/calls/config", alice.accessToken)).body.ice_servers).toEqual([]);
  });
});

// Servers of their own with call settings, and a real coturn checking what they mint.
const SECRET = "the coturn static-auth-secret";
const STATIC = { username: "stu-static", password: "a static TURN password" };
let mail: MailCatcher;
let dataDirs: string[] = [];
let restTurnPort: number;
let staticTurnPort: number;
let restApp: AppServer;
let staticApp: AppServer;
let restTurn: TurnServer | undefined;
let staticTurn: TurnServer | undefined;
let restUrls: ServerUrls;
let staticUrls: ServerUrls;

async function appWith(env: Record<string, string>): Promise<AppServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-calls-config-"));
  dataDirs.push(dataDir);
  return startAppServer({ dataDir, smtpPort: mail.smtpPort, env });
}

beforeAll(async () => {
  mail = await startMailCatcher();
  [restTurnPort, staticTurnPort] = [await freePort(), await freePort()];
  if (withTurn) {
    [restTurn, staticTurn] = await Promise.all([
      startTurnServer({ secret: SECRET, port: restTurnPort }),
      startTurnServer({
        secret: "unused",
        port: staticTurnPort,
        users: { [STATIC.username]: STATIC.password },
      }),
    ]);
  }
  [restApp, staticApp] = await Promise.all([
    appWith({
      STUN_URLS: `stun:127.0.0.1:${restTurnPort}`,
      TURN_URLS: `turn:127.0.0.1:${restTurnPort}?transport=udp,turn:127.0.0.1:${restTurnPort}?transport=tcp`,
      TURN_SECRET: SECRET,
      TURN_TTL: "10m",
      ICE_TRANSPORT_POLICY: "relay",
    }),
    appWith({
      TURN_URLS: `turn:127.0.0.1:${staticTurnPort}`,
      TURN_USERNAME: STATIC.username,
      TURN_PASSWORD: STATIC.password,
    }),
  ]);
  const mailUrl = `http://127.0.0.1:${mail.httpPort}`;
  restUrls = { baseUrl: restApp.url, mailUrl };
  staticUrls = { baseUrl: staticApp.url, mailUrl };
});

afterAll(async () => {
  await Promise.all([restApp?.stop(), staticApp?.stop(), restTurn?.stop(), staticTurn?.stop()]);
  await mail?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  dataDirs = [];
});

describe("GET /v1/calls/config with STUN_URLS, TURN_URLS and TURN_SECRET", () => {
  let alice: Account;
  let api: Api;
  beforeAll(async () => {
    api = new Api(undefined, restUrls);
    alice = await createAccount(api);
  });

  it("lists STUN without and TURN with short-lived credentials for this user", async () => {
    const before = unixNow();
    const res = await api.get("/v1/calls/config", alice.accessToken);
    const after = unixNow();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const [stun, turn] = res.body.ice_servers;
    expect(res.body.ice_servers).toHaveLength(2);
    expect(stun).toEqual({ urls: [`stun:127.0.0.1:${restTurnPort}`] });
    expect(turn.urls).toEqual([
      `turn:127.0.0.1:${restTurnPort}?transport=udp`,
      `turn:127.0.0.1:${restTurnPort}?transport=tcp`,
    ]);
    expect(res.body.ttl).toBe(600);
    expect(res.body.ice_transport_policy).toBe("relay");
    // coturn's REST form: "<unix expiry>:<user id>", expiry = now + ttl.
    const [expiry, userId] = turn.username.split(":").map(Number);
    expect(userId).toBe(alice.userId);
    expect(expiry).toBeGreaterThanOrEqual(before + 600);
    expect(expiry).toBeLessThanOrEqual(after + 600);
    expect(res.body.expires_at).toBe(new Date(expiry! * 1000).toISOString());
    expect(turn.credential).toBe(hmac(SECRET, turn.username));
  });

  it("mints for whoever asks, also on the unprefixed path", async () => {
    const bob = await createAccount(api);
    const res = await api.get("/calls/config", bob.accessToken);
    expect(res.status).toBe(200);
    const turn = res.body.ice_servers[1];
    expect(turn.username).toMatch(new RegExp(`^\\d+:${bob.userId}$`));
    expect(turn.credential).toBe(hmac(SECRET, turn.username));
  });

  describe.skipIf(!withTurn)("a real coturn (use-auth-secret)", () => {
    const allocate = (username: string, password: string) =>
      turnAllocate({ host: "127.0.0.1", port: restTurnPort, username, password });

    it("accepts the minted credentials: Allocate succeeds with a relayed address", async () => {
      const turn = (await api.get("/v1/calls/config", alice.accessToken)).body.ice_servers[1];
      const before = restTurn!.allocations();
      const result = await allocate(turn.username, turn.credential);
      expect(result).toMatchObject({ ok: true, relayed: { address: "127.0.0.1" } });
      if (result.ok) expect(result.relayed.port).toBeGreaterThan(0);
      await expect.poll(() => restTurn!.allocations()).toBe(before + 1);
    });

    it("refuses a credential made with another secret (401)", async () => {
      const turn = (await api.get("/v1/calls/config", alice.accessToken)).body.ice_servers[1];
      expect(await allocate(turn.username, hmac("not the secret", turn.username))).toMatchObject({
        ok: false,
        code: 401,
      });
    });

    it("refuses an expired username even with the right HMAC (401)", async () => {
      const expired = `${unixNow() - 5}:${alice.userId}`;
      expect(await allocate(expired, hmac(SECRET, expired))).toMatchObject({ ok: false, code: 401 });
      // The same user with a future expiry and the same secret goes through: it was the expiry.
      const fresh = `${unixNow() + 60}:${alice.userId}`;
      expect(await allocate(fresh, hmac(SECRET, fresh))).toMatchObject({ ok: true });
    });
  });
});

describe("GET /v1/calls/config with static TURN_USERNAME and TURN_PASSWORD", () => {
  const credentials = async () => {
    const api = new Api(undefined, staticUrls);
    const carol = await createAccount(api);
    return api.get("/v1/calls/config", carol.accessToken);
  };

  it("hands out the static credentials", async () => {
    const res = await credentials();
    expect(res.status).toBe(200);
    expect(res.body.ice_servers).toEqual([
      { urls: [`turn:127.0.0.1:${staticTurnPort}`], username: STATIC.username, credential: STATIC.password },
    ]);
    expect(res.body.ice_transport_policy).toBe("all");
  });

  it.skipIf(!withTurn)("which a coturn with that long-term user accepts", async () => {
    const { username, credential } = (await credentials()).body.ice_servers[0];
    const host = { host: "127.0.0.1", port: staticTurnPort };
    expect(await turnAllocate({ ...host, username, password: credential })).toMatchObject({ ok: true });
    expect(await turnAllocate({ ...host, username, password: "wrong" })).toMatchObject({
      ok: false,
      code: 401,
    });
  });
});
