import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, Api, createAccount, expectError } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import {
  type PushServiceStandIn,
  type StandInSubscription,
  startPushService,
} from "../support/push-service.ts";

// A server of its own: PUSH_ALLOW_HTTP_ENDPOINTS lets subscriptions point at the local stand-in.
let app: AppServer;
let mail: MailCatcher;
let dataDir: string;
let push: PushServiceStandIn;
let vapidKey: string;
let api: () => Api;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-push-"));
  mail = await startMailCatcher();
  app = await startAppServer({
    dataDir,
    smtpPort: mail.smtpPort,
    env: { PUSH_ALLOW_HTTP_ENDPOINTS: "true" },
  });
  const server = { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` };
  api = () => new Api(undefined, server);
  vapidKey = (await api().get("/v1/push/vapid-public-key")).body.public_key;
  push = await startPushService(vapidKey);
});

afterAll(async () => {
  await push?.close();
  await app?.stop();
  await mail?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const put = (token: string, body: unknown) => api().request("PUT", "/v1/push/subscription", { token, body });

async function subscribed(account: { accessToken: string }): Promise<StandInSubscription> {
  const sub = push.subscribe();
  expect((await put(account.accessToken, sub.json)).status).toBe(200);
  return sub;
}

/** Another signed-in device of the same account. */
async function secondDevice(account: Account) {
  const res = await api().post("/v1/auth/login", { email: account.email, password: account.password });
  expect(res.status).toBe(200);
  return {
    deviceId: res.body.device_id as number,
    accessToken: res.body.access_token as string,
    refreshToken: res.body.refresh_token as string,
  };
}

async function groupOf(owner: Account, others: Account[], title = "Push group"): Promise<number> {
  const res = await api().post(
    "/v1/chats",
    { type: "group", title, members: others.map((o) => o.userId) },
    owner.accessToken,
  );
  expect(res.status).toBe(201);
  return res.body.id;
}

async function dialog(a: Account, b: Account): Promise<number> {
  return (await api().post("/v1/dialogs", { user_id: b.userId }, a.accessToken)).body.id;
}

async function send(from: { accessToken: string }, chatId: number, text: string): Promise<number> {
  const res = await api().post(`/v1/chats/${chatId}/messages`, { text }, from.accessToken);
  expect(res.status).toBe(201);
  return res.body.id;
}

const forMessage = (id: number) => (p: { payload: Record<string, unknown> }) => p.payload.message_id === id;
const settle = () => new Promise((r) => setTimeout(r, 1500));

async function dbCount(sql: string, values: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(sql, values)).rows[0].count);
  } finally {
    await client.end();
  }
}

describe("push subscriptions (push service mocked by a local stand-in)", () => {
  it("answers the VAPID public key, generated into STU_DATA_DIR", async () => {
    expect(Buffer.from(vapidKey, "base64url")).toHaveLength(65);
    const stored = JSON.parse(readFileSync(path.join(dataDir, "vapid-keys.json"), "utf8"));
    expect(stored.publicKey).toBe(vapidKey);
  });

  it("subscribes this device, replaces its subscription, deletes it; the device list marks it", async () => {
    const me = await createAccount(api());
    const other = await secondDevice(me);
    const first = push.subscribe();
    const saved = await put(me.accessToken, first.json);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      device_id: me.deviceId,
      endpoint: first.json.endpoint,
      expiration_time: null,
    });
    expect((await api().get("/v1/push/subscription", me.accessToken)).body.endpoint).toBe(
      first.json.endpoint,
    );

    const devices = async () =>
      Object.fromEntries(
        (await api().get("/v1/auth/sessions", me.accessToken)).body.map(
          (d: { device_id: number; push: boolean }) => [d.device_id, d.push],
        ),
      );
    expect(await devices()).toEqual({ [me.deviceId]: true, [other.deviceId]: false });

    const second = push.subscribe();
    const expires = Date.now() + 86_400_000;
    const replaced = await put(me.accessToken, { ...second.json, expirationTime: expires });
    expect(replaced.body).toMatchObject({
      endpoint: second.json.endpoint,
      expiration_time: new Date(expires).toISOString(),
    });
    expect(await dbCount("SELECT count(*) FROM push_subscriptions WHERE device_id = $1", [me.deviceId])).toBe(
      1,
    );

    expect((await api().request("DELETE", "/v1/push/subscription", { token: me.accessToken })).status).toBe(
      204,
    );
    expectError(await api().get("/v1/push/subscription", me.accessToken), 404, "not_found");
    expect(await devices()).toEqual({ [me.deviceId]: false, [other.deviceId]: false });
    // Deleting what is not there is not an error.
    expect((await api().request("DELETE", "/v1/push/subscription", { token: me.accessToken })).status).toBe(
      204,
    );
  });

  it("an endpoint registered by another session (another account on the same browser) moves to it", async () => {
    const [first, second] = [await createAccount(api()), await createAccount(api())];
    const browser = push.subscribe();
    await put(first.accessToken, browser.json);
    expect((await put(second.accessToken, browser.json)).body.device_id).toBe(second.deviceId);
    expectError(await api().get("/v1/push/subscription", first.accessToken), 404, "not_found");
    expect((await api().get("/v1/push/subscription", second.accessToken)).status).toBe(200);
    const chat = await dialog(first, second);
    const id = await send(first, chat, "to the new owner");
    await push.waitFor(1, forMessage(id));
    const back = await send(second, chat, "not to the old one");
    await settle();
    expect(
      push.received.filter((p) => p.subscriptionId === browser.id).map((p) => p.payload.message_id),
    ).toEqual([id]);
    expect(push.received.some(forMessage(back))).toBe(false);
  });

  it("refuses endpoints that are not https: (http only to loopback with the test setting), bad keys, bad JSON", async () => {
    const me = await createAccount(api());
    const good = push.subscribe().json;
    const bad = [
      { ...good, endpoint: "http://push.example.org/x" },
      { ...good, endpoint: "ftp://push.example.org/x" },
      { ...good, endpoint: "not a url" },
      { ...good, endpoint: "https://user:pw@push.example.org/x" },
      { ...good, endpoint: `https://push.example.org/${"a".repeat(2100)}` },
      { ...good, keys: { ...good.keys, p256dh: good.keys.auth } },
      { ...good, keys: { ...good.keys, auth: "short" } },
      { ...good, keys: { p256dh: Buffer.alloc(65, 3).toString("base64url"), auth: good.keys.auth } },
      { endpoint: good.endpoint },
      { ...good, expirationTime: "tomorrow" },
    ];
    for (const body of bad) expectError(await put(me.accessToken, body), 422, "validation_failed");
    expectError(
      await api().request("PUT", "/v1/push/subscription", {
        token: me.accessToken,
        raw: "{",
        headers: { "content-type": "application/json" },
      }),
      400,
      "malformed_json",
    );
    expectError(await api().request("PUT", "/v1/push/subscription", { body: good }), 401, "unauthorized");
    expectError(await api().get("/v1/push/subscription", me.accessToken), 404, "not_found");
  });

  it("the shared test server (without the test-only setting) refuses an http: endpoint even on loopback", async () => {
    const shared = new Api();
    const me = await createAccount(shared);
    const res = await shared.request("PUT", "/v1/push/subscription", {
      token: me.accessToken,
      body: push.subscribe().json,
    });
    expectError(res, 422, "validation_failed");
    expect(res.body.error.message).toContain("https:");
  });

  it("reads and changes the previews setting, off by default", async () => {
    const me = await createAccount(api());
    expect((await api().get("/v1/push/settings", me.accessToken)).body).toEqual({ previews: false });
    const on = await api().request("PUT", "/v1/push/settings", {
      token: me.accessToken,
      body: { previews: true },
    });
    expect(on.body).toEqual({ previews: true });
    expect((await api().get("/v1/push/settings", me.accessToken)).body).toEqual({ previews: true });
    expectError(
      await api().request("PUT", "/v1/push/settings", { token: me.accessToken, body: { previews: "yes" } }),
      422,
      "validation_failed",
    );
  });
});

describe("pushes for new messages (push service mocked by a local stand-in)", () => {
  it("one push to each subscribed device of each recipient, none to the sender; no text without previews; VAPID JWT valid", async () => {
    const [sender, bob, carol] = [
      await createAccount(api()),
      await createAccount(api()),
      await createAccount(api()),
    ];
    const bobPhone = await secondDevice(bob);
    const senderSub = await subscribed(sender);
    const subs = [await subscribed(bob), await subscribed(bobPhone), await subscribed(carol)];
    const chat = await groupOf(sender, [bob, carol], "Weekend plans");

    const sentAt = Date.now();
    const id = await send(sender, chat, "the secret is 42");
    const got = await push.waitFor(3, forMessage(id));
    // From the send's answer to the last device's push, through the job queue.
    const latency = Math.max(...got.map((p) => p.at)) - sentAt;
    console.log(`send → 3 pushes: ${latency} ms`);
    expect(latency).toBeLessThan(5000);
    await settle();
    const all = push.received.filter(forMessage(id));
    expect(all.map((p) => p.subscriptionId).sort()).toEqual(subs.map((s) => s.id).sort());
    expect(push.hits(senderSub.id)).toBe(0);
    expect(push.rejected).toEqual([]);

    const senderName = sender.username;
    for (const p of got) {
      expect(p.payload).toEqual({
        type: "new_message",
        chat_id: chat,
        message_id: id,
        tag: `chat-${chat}`,
        url: `/c/${chat}`,
        title: "Weekend plans",
        body: `New message from ${senderName}`,
        preview: false,
      });
      expect(JSON.stringify(p.payload)).not.toContain("42");
      expect(p.headers.ttl).toBe("86400");
      expect(p.headers.urgency).toBe("high");
      expect(p.claims.aud).toBe(push.url);
      expect(p.claims.sub).toMatch(/^mailto:/);
      expect(p.claims.exp * 1000 - Date.now()).toBeGreaterThan(3600_000);
      expect(p.claims.exp * 1000 - Date.now()).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
    }
  });

  it("a burst of 20 concurrent sends (batched by the group commit) pushes each message once to each device", async () => {
    const sender = await createAccount(api());
    const readers = [await createAccount(api()), await createAccount(api())];
    const devices = [
      await subscribed(readers[0]!),
      await subscribed(await secondDevice(readers[0]!)),
      await subscribed(readers[1]!),
      await subscribed(await secondDevice(readers[1]!)),
      await subscribed(await secondDevice(readers[1]!)),
    ];
    const chat = await groupOf(sender, readers);
    const started = Date.now();
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => send(sender, chat, `burst ${i}`)));
    const mine = (p: { subscriptionId: string; payload: Record<string, unknown> }) =>
      ids.includes(p.payload.message_id as number);
    const got = await push.waitFor(100, mine, 20_000);
    console.log(`20 messages × 5 devices: 100 pushes in ${Math.max(...got.map((p) => p.at)) - started} ms`);
    await settle();
    const pairs = push.received.filter(mine).map((p) => `${p.subscriptionId}:${p.payload.message_id}`);
    expect(pairs).toHaveLength(100);
    expect(new Set(pairs).size).toBe(100);
    expect(new Set(push.received.filter(mine).map((p) => p.subscriptionId))).toEqual(
      new Set(devices.map((d) => d.id)),
    );
  }, 45_000);

  it("with previews on, the decrypted payload carries the text (a dialog is titled by the sender)", async () => {
    const [sender, reader] = [await createAccount(api()), await createAccount(api())];
    await api().request("PUT", "/v1/push/settings", { token: reader.accessToken, body: { previews: true } });
    const sub = await subscribed(reader);
    const chat = await dialog(sender, reader);
    const id = await send(sender, chat, "lunch at noon?");
    const [p] = await push.waitFor(1, forMessage(id));
    expect(p!.subscriptionId).toBe(sub.id);
    expect(p!.payload).toMatchObject({
      title: sender.username,
      body: "lunch at noon?",
      preview: true,
      tag: `chat-${chat}`,
    });
  });

  it("a muted chat pushes nothing, except a message that mentions the reader", async () => {
    const [sender, reader] = [await createAccount(api()), await createAccount(api())];
    const sub = await subscribed(reader);
    const chat = await groupOf(sender, [reader]);
    expect(
      (
        await api().request("PUT", `/v1/chats/${chat}/mute`, {
          token: reader.accessToken,
          body: { for: "8h" },
        })
      ).status,
    ).toBe(200);

    const quiet = await send(sender, chat, "nothing for you");
    const notQuite = await send(sender, chat, `mail me at x@${reader.username}.org or @${reader.username}x`);
    const mention = await send(sender, chat, `hey @${reader.username.toUpperCase()}, look`);
    const [p] = await push.waitFor(1, forMessage(mention));
    expect(p!.subscriptionId).toBe(sub.id);
    expect(p!.payload.body).toBe(`${sender.username} mentioned you`);
    await settle();
    expect(push.received.filter((r) => r.subscriptionId === sub.id)).toHaveLength(1);
    expect(push.received.some((r) => [quiet, notQuite].includes(r.payload.message_id as number))).toBe(false);
  });

  it("a reader who blocked the sender gets no push", async () => {
    const [sender, blocker, friend] = [
      await createAccount(api()),
      await createAccount(api()),
      await createAccount(api()),
    ];
    const blockerSub = await subscribed(blocker);
    const friendSub = await subscribed(friend);
    const chat = await groupOf(sender, [blocker, friend]);
    expect(
      (await api().post(`/v1/users/${sender.userId}/block`, undefined, blocker.accessToken)).status,
    ).toBeLessThan(300);
    const id = await send(sender, chat, "hello all");
    await push.waitFor(1, (p) => p.subscriptionId === friendSub.id && p.payload.message_id === id);
    await settle();
    expect(push.hits(blockerSub.id)).toBe(0);
  });

  it("410 from the push service deletes the subscription; a 500 is retried for that device alone", async () => {
    const [sender, reader, other] = [
      await createAccount(api()),
      await createAccount(api()),
      await createAccount(api()),
    ];
    const gone = await subscribed(reader);
    const flaky = await subscribed(other);
    const readerPhone = await secondDevice(reader);
    const steady = await subscribed(readerPhone);
    const chat = await groupOf(sender, [reader, other]);
    push.respondWith(gone.id, 410);
    push.respondWith(flaky.id, 500);

    const id = await send(sender, chat, "one");
    await push.waitFor(1, (p) => p.subscriptionId === steady.id && p.payload.message_id === id);
    const deadline = Date.now() + 10_000;
    while ((await api().get("/v1/push/subscription", reader.accessToken)).status !== 404) {
      if (Date.now() > deadline) throw new Error("the 410 subscription was not deleted");
      await new Promise((r) => setTimeout(r, 100));
    }
    const sessions = (await api().get("/v1/auth/sessions", reader.accessToken)).body;
    expect(sessions.find((d: { device_id: number }) => d.device_id === reader.deviceId).push).toBe(false);
    expect(push.hits(flaky.id)).toBeGreaterThanOrEqual(1);

    push.respondWith(flaky.id, 0);
    await push.waitFor(1, (p) => p.subscriptionId === flaky.id && p.payload.message_id === id, 20_000);
    await settle();
    // The retry went to the failed device only: the others got the message once.
    expect(
      push.received.filter((p) => p.subscriptionId === steady.id && p.payload.message_id === id),
    ).toHaveLength(1);
    expect(push.received.filter((p) => p.subscriptionId === flaky.id)).toHaveLength(1);
    expect(push.hits(gone.id)).toBe(1);
  }, 45_000);

  it("signing a device out (logout, or revoked from another device) removes its subscription", async () => {
    const [sender, reader] = [await createAccount(api()), await createAccount(api())];
    const stays = await subscribed(reader);
    const laptop = await secondDevice(reader);
    const leaving = await subscribed(laptop);
    const tablet = await secondDevice(reader);
    const revoked = await subscribed(tablet);
    expect((await api().post("/v1/auth/logout", { refresh_token: laptop.refreshToken })).status).toBe(204);
    expect(
      (await api().request("DELETE", `/v1/auth/sessions/${tablet.deviceId}`, { token: reader.accessToken }))
        .status,
    ).toBe(204);
    expect(
      await dbCount("SELECT count(*) FROM push_subscriptions WHERE device_id = ANY($1::int[])", [
        [laptop.deviceId, tablet.deviceId],
      ]),
    ).toBe(0);

    const id = await send(sender, await dialog(sender, reader), "still there?");
    await push.waitFor(1, (p) => p.subscriptionId === stays.id && p.payload.message_id === id);
    await settle();
    expect(push.hits(leaving.id)).toBe(0);
    expect(push.hits(revoked.id)).toBe(0);
  });
});
