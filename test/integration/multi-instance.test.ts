import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { AppServer } from "../support/app-server.ts";
import { type Cleanups, printLogsIfFailed, runCleanups, startCluster } from "../support/cluster.ts";
import { waitForCode } from "../support/mail-catcher.ts";
import { redisAvailable, startRedisServer } from "../support/redis-server.ts";
import { TestSocket } from "../support/socket.ts";

// Skipped without redis-server, unless STU_REQUIRE_REDIS is set (then it throws).
const available = redisAvailable();

type Response = { status: number; body: any };
type User = {
  email: string;
  password: string;
  userId: number;
  deviceId: number;
  accessToken: string;
  refreshToken: string;
};

let ipSeq = 0;
/** A new client address per request (TRUST_PROXY is on; register is rate limited per IP). TEST-NET-3. */
function nextIp(): string {
  ipSeq += 1;
  return `203.0.113.${((ipSeq - 1) % 254) + 1}`;
}

async function call(
  server: AppServer,
  method: string,
  urlPath: string,
  body?: unknown,
  token?: string,
): Promise<Response> {
  const headers: Record<string, string> = { "x-forwarded-for": nextIp() };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${server.url}${urlPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, body: parsed };
}

/** Resolves with the response body when the status is the expected one, else fails with the body. */
async function expectStatus(response: Promise<Response>, status: number): Promise<any> {
  const res = await response;
  if (res.status !== status)
    throw new Error(`expected HTTP ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!available)("two app instances sharing one PostgreSQL and one Redis", () => {
  // Undone in reverse order in afterAll, whether or not the set-up got that far.
  const cleanups: Cleanups = [];
  const sockets: TestSocket[] = [];
  let a: AppServer;
  let b: AppServer;
  let mailUrl: string;
  let alice: User;
  let bob: User;
  let carol: User;

  async function register(tag: string): Promise<User> {
    const email = `${tag}-${randomBytes(5).toString("hex")}@example.test`;
    const password = "a long enough password";
    const username = `${tag}_${randomBytes(5).toString("hex")}`;
    await expectStatus(call(a, "POST", "/v1/auth/register", { email, password, username }), 201);
    const code = await waitForCode(mailUrl, email);
    const body = await expectStatus(call(a, "POST", "/v1/auth/verify", { email, code }), 200);
    return {
      email,
      password,
      userId: body.user_id,
      deviceId: body.device_id,
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
    };
  }

  /** A second session (device) of the user, signed in on the given instance. */
  async function login(server: AppServer, user: User): Promise<User> {
    const body = await expectStatus(
      call(server, "POST", "/v1/auth/login", { email: user.email, password: user.password }),
      200,
    );
    return {
      ...user,
      deviceId: body.device_id,
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
    };
  }

  async function connect(server: AppServer, user: User): Promise<TestSocket> {
    const socket = await TestSocket.connect(server.url, user.accessToken);
    sockets.push(socket);
    return socket;
  }

  async function dialog(server: AppServer, from: User, to: User): Promise<number> {
    const chat = await call(
      server,
      "POST",
      "/v1/chats",
      { type: "dialog", members: [to.userId] },
      from.accessToken,
    );
    if (chat.status !== 200 && chat.status !== 201)
      throw new Error(`dialog failed: ${chat.status} ${JSON.stringify(chat.body)}`);
    return chat.body.id;
  }

  beforeAll(async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    ({ a, b, mailUrl } = await startCluster(redis.url, cleanups, "multi"));
    [alice, bob, carol] = await Promise.all([register("alice"), register("bob"), register("carol")]);
  });

  afterEach(async (context) => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    printLogsIfFailed(context.task.result?.state === "fail", { A: a, B: b });
  });

  afterAll(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    await runCleanups(cleanups, "multi-instance");
  });

  it("delivers a socket message sent on A to the recipient's socket on B, with an ACK on A", async () => {
    const chatId = await dialog(a, alice, bob);
    const aliceA = await connect(a, alice);
    const bobB = await connect(b, bob);

    aliceA.send({ type: "send_message", temp_id: "x1", conversation_id: chatId, text: "hello" });
    const ack = await aliceA.next("message_sent", (f) => f.temp_id === "x1");
    expect(ack.message).toMatchObject({ conversation_id: chatId, sender_id: alice.userId, text: "hello" });
    const received = await bobB.next("new_message", (f) => f.message?.id === ack.message.id);
    expect(received).toMatchObject({
      conversation_id: chatId,
      message: { id: ack.message.id, text: "hello", sender_id: alice.userId, temp_id: "x1" },
    });
    // The sending connection gets the ACK, not its own message back.
    await sleep(300);
    expect(aliceA.all("new_message").filter((f) => f.message?.id === ack.message.id)).toHaveLength(0);
    expect(bobB.all("new_message").filter((f) => f.message?.id === ack.message.id)).toHaveLength(1);
  });

  it("delivers a REST message sent on B to the recipient's sockets on A and on B", async () => {
    const chatId = await dialog(b, alice, bob);
    const aliceSecond = await login(b, alice);
    const aliceA = await connect(a, alice);
    const aliceB = await connect(b, aliceSecond);

    const text = `over REST ${randomBytes(3).toString("hex")}`;
    const sent = await expectStatus(
      call(b, "POST", `/v1/chats/${chatId}/messages`, { text }, bob.accessToken),
      201,
    );
    expect(sent).toMatchObject({ conversation_id: chatId, sender_id: bob.userId, text });
    const onA = await aliceA.next("new_message", (f) => f.message?.id === sent.id);
    const onB = await aliceB.next("new_message", (f) => f.message?.id === sent.id);
    for (const frame of [onA, onB]) {
      expect(frame).toMatchObject({
        conversation_id: chatId,
        message: { id: sent.id, text, sender_id: bob.userId },
      });
    }
  });

  it("carries typing from A to B and a read receipt from B to A", async () => {
    const chatId = await dialog(a, alice, bob);
    const aliceA = await connect(a, alice);
    const bobB = await connect(b, bob);

    aliceA.send({ type: "typing_start", conversation_id: chatId });
    const typing = await bobB.next("typing", (f) => f.conversation_id === chatId && f.typing === true);
    expect(typing).toMatchObject({
      type: "typing",
      conversation_id: chatId,
      user_id: alice.userId,
      typing: true,
    });

    const sent = await expectStatus(
      call(a, "POST", `/v1/chats/${chatId}/messages`, { text: "read me" }, alice.accessToken),
      201,
    );
    await bobB.next("new_message", (f) => f.message?.id === sent.id);
    await expectStatus(
      call(b, "POST", `/v1/chats/${chatId}/messages/${sent.id}/read`, {}, bob.accessToken),
      204,
    );
    const expected = { conversation_id: chatId, message_id: sent.id, user_id: bob.userId };
    expect(await aliceA.next("read", (f) => f.message_id === sent.id)).toMatchObject(expected);
    expect(await aliceA.next("read_receipt", (f) => f.message_id === sent.id)).toMatchObject(expected);
  });

  it("delivers a group message to every other member exactly once, across instances", async () => {
    const group = await expectStatus(
      call(
        a,
        "POST",
        "/v1/chats",
        { type: "group", title: "three", members: [bob.userId, carol.userId] },
        alice.accessToken,
      ),
      201,
    );
    const chatId: number = group.id;
    const aliceA = await connect(a, alice);
    const bobB = await connect(b, bob);
    const carolB = await connect(b, carol);

    const count = (socket: TestSocket, id: number) =>
      socket.all("new_message").filter((f) => f.message?.id === id).length;

    // From A to two members on B, then from B to a member on A and one on B.
    const cases: Array<[TestSocket, string, TestSocket[]]> = [
      [aliceA, "g1", [bobB, carolB]],
      [carolB, "g2", [aliceA, bobB]],
    ];
    for (const [sender, tempId, others] of cases) {
      sender.send({
        type: "send_message",
        temp_id: tempId,
        conversation_id: chatId,
        text: `group ${tempId}`,
      });
      const ack = await sender.next("message_sent", (f) => f.temp_id === tempId);
      const id: number = ack.message.id;
      await Promise.all(others.map((s) => s.next("new_message", (f) => f.message?.id === id)));
      await sleep(300);
      for (const other of others) expect(count(other, id)).toBe(1);
      expect(count(sender, id)).toBe(0);
      expect(sender.all("message_sent").filter((f) => f.temp_id === tempId)).toHaveLength(1);
    }
  });

  it("closes a session's socket on B with 4401 within a second of logout on A", async () => {
    const session = await login(a, bob);
    const doomed = await connect(b, session);
    const other = await connect(b, bob);

    const started = Date.now();
    await expectStatus(call(a, "POST", "/v1/auth/logout", { refresh_token: session.refreshToken }), 204);
    const closed = await Promise.race([
      doomed.closed,
      sleep(2000).then(() => {
        throw new Error("the socket on B stayed open after logout on A");
      }),
    ]);
    expect(closed.code).toBe(4401);
    expect(closed.at - started).toBeLessThan(1000);
    // Only that session ends: the user's other session on the same instance stays connected.
    expect(other.ws.readyState).toBe(WebSocket.OPEN);
  });

  it("stops typing from another instance at once, not only when the first instance's timer expires", async () => {
    // A chat of its own: typing state from other tests would throttle the first announcement.
    const chatId = await dialog(a, alice, carol);
    const aliceSecond = await login(b, alice);
    const aliceA = await connect(a, alice);
    const aliceB = await connect(b, aliceSecond);
    const carolB = await connect(b, carol);
    aliceA.send({ type: "typing_start", conversation_id: chatId });
    await carolB.next("typing", (f) => f.conversation_id === chatId && f.typing === true);
    const started = Date.now();
    aliceB.send({ type: "typing_stop", conversation_id: chatId });
    await carolB.next("typing", (f) => f.conversation_id === chatId && f.typing === false, 3000);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("keeps a user online while any instance still has one of their sockets", async () => {
    await dialog(a, bob, carol);
    const carolSecond = await login(b, carol);
    const bobB = await connect(b, bob);
    const carolA = await connect(a, carol);
    await bobB.next("online_status", (f) => f.user_id === carol.userId && f.online === true);
    const carolB = await connect(b, carolSecond);
    await carolA.close(); // still connected on B
    await sleep(400);
    expect(bobB.all("online_status").filter((f) => f.user_id === carol.userId && !f.online)).toHaveLength(0);
    for (const server of [a, b]) {
      const profile = await expectStatus(
        call(server, "GET", `/v1/users/${carol.userId}`, undefined, bob.accessToken),
        200,
      );
      expect(profile.online).toBe(true);
    }
    await carolB.close();
    await bobB.next("online_status", (f) => f.user_id === carol.userId && f.online === false);
    const profile = await expectStatus(
      call(a, "GET", `/v1/users/${carol.userId}`, undefined, bob.accessToken),
      200,
    );
    expect(profile.online).toBe(false);
  });

  it("a ban on A closes the user's socket on B with user_banned; the stats on A count sockets on both", async () => {
    const [admin, mallory] = await Promise.all([register("admin"), register("mallory")]);
    // No ADMIN_EMAILS in this cluster: the role is set the way the first admin of a database could be.
    const client = new pg.Client({ connectionString: a.databaseUrl });
    await client.connect();
    await client.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.userId]);
    await client.end();

    const before = await expectStatus(
      call(a, "GET", "/v1/admin/stats?days=1", undefined, admin.accessToken),
      200,
    );
    const onA = await connect(a, admin);
    const onB = await connect(b, admin);
    const malloryB = await connect(b, mallory);
    const stats = await expectStatus(
      call(a, "GET", "/v1/admin/stats?days=1", undefined, admin.accessToken),
      200,
    );
    expect(stats.sockets_online - before.sockets_online).toBe(3);
    expect(stats.users_online - before.users_online).toBe(2);

    const at = Date.now();
    await expectStatus(
      call(
        a,
        "POST",
        "/v1/admin/actions",
        { action: "ban_user", user_id: mallory.userId, reason: "spam" },
        admin.accessToken,
      ),
      201,
    );
    const closed = await malloryB.closed;
    expect([closed.code, closed.reason]).toEqual([4401, "user_banned"]);
    expect(closed.at - at).toBeLessThan(1000);
    expect((await call(b, "GET", "/v1/users/me", undefined, mallory.accessToken)).status).toBe(403);
    await Promise.all([onA.close(), onB.close()]);
  });

  it("reports the Redis pub/sub as healthy on both instances", async () => {
    for (const server of [a, b]) {
      const health = await expectStatus(call(server, "GET", "/v1/health"), 200);
      expect(health).toMatchObject({ status: "ok", database: { status: "ok" } });
      expect(health.pubsub).toMatchObject({ status: "ok", driver: "redis" });
    }
  });
});
