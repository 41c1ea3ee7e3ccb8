import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Account, Api, type ApiResponse, createAccount } from "../support/api.ts";
import type { AppServer } from "../support/app-server.ts";
import { type Cleanups, printLogsIfFailed, runCleanups, startCluster } from "../support/cluster.ts";
import { type RedisServer, redisAvailable, startRedisServer } from "../support/redis-server.ts";
import { TestSocket } from "../support/socket.ts";

// Skipped without redis-server, unless STU_REQUIRE_REDIS is set (then it throws).
const available = redisAvailable();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

function expectStatus(res: ApiResponse, status: number): any {
  if (res.status !== status)
    throw new Error(`expected HTTP ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe.skipIf(!available)(
  "Redis outages, with two app instances sharing one PostgreSQL and one Redis",
  () => {
    const cleanups: Cleanups = [];
    const sockets: TestSocket[] = [];
    let redis: RedisServer;
    let a: AppServer;
    let b: AppServer;
    let mailUrl: string;
    const on = (server: AppServer) => new Api(undefined, { baseUrl: server.url, mailUrl });

    /** Stops redis-server and starts a new, empty one on the same port. */
    async function restartRedis(downMs = 0): Promise<void> {
      await redis.stop();
      await sleep(downMs);
      redis = await startRedisServer({ port: redis.port });
    }

    async function connect(server: AppServer, user: Account): Promise<TestSocket> {
      const socket = await TestSocket.connect(server.url, user.accessToken);
      sockets.push(socket);
      return socket;
    }

    async function dialog(from: Account, to: Account): Promise<number> {
      const chat = await on(a).post("/v1/chats", { type: "dialog", members: [to.userId] }, from.accessToken);
      if (chat.status !== 200 && chat.status !== 201)
        throw new Error(`dialog failed: ${chat.status} ${JSON.stringify(chat.body)}`);
      return chat.body.id;
    }

    beforeAll(async () => {
      redis = await startRedisServer();
      cleanups.push(() => redis.stop());
      ({ a, b, mailUrl } = await startCluster(redis.url, cleanups, "outage"));
    });

    afterEach(async (context) => {
      await Promise.all(sockets.splice(0).map((s) => s.close()));
      printLogsIfFailed(context.task.result?.state === "fail", { A: a, B: b });
    });

    afterAll(async () => {
      await Promise.all(sockets.splice(0).map((s) => s.close()));
      await runCleanups(cleanups, "redis-outage");
    });

    it("shares rate-limit windows across instances: failed sign-ins on A and on B count together", async () => {
      const user = await createAccount(on(a));
      // The account rule allows 10 failures per 15 minutes: 5 on each instance stay under it on
      // either one alone, but not together.
      for (let i = 0; i < 10; i++) {
        const server = i % 2 ? b : a;
        const res = await on(server).post("/v1/auth/login", { email: user.email, password: `wrong ${i}` });
        expect(res.status).toBe(401);
      }
      for (const server of [a, b]) {
        const res = await on(server).post("/v1/auth/login", { email: user.email, password: user.password });
        expect(res.status).toBe(429);
        expect(res.body.error.code).toBe("rate_limited");
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    });

    it("shows a user online again after Redis restarted empty", async () => {
      const [alice, bob] = [await createAccount(on(a)), await createAccount(on(a))];
      await dialog(alice, bob);
      await connect(a, alice);
      const onlineFromB = async () =>
        expectStatus(await on(b).get(`/v1/users/${alice.userId}`, bob.accessToken), 200).online === true;
      await waitFor("alice online as seen from B", onlineFromB);

      await restartRedis();
      // Nothing was kept by Redis; instance A writes its sockets' counts again when it reconnects.
      await waitFor("alice online again after the restart", onlineFromB, 10_000);
    });

    it("acknowledges sends at once while Redis is down and brings them to the other instance when it is back", async () => {
      const [alice, bob] = [await createAccount(on(a)), await createAccount(on(a))];
      const chatId = await dialog(alice, bob);
      const bobSecond = await createSession(bob, a);
      const aliceA = await connect(a, alice);
      const bobB = await connect(b, bob);
      const bobA = await connect(a, bobSecond);

      await redis.stop();
      await sleep(300); // the instances notice the lost connections
      const texts: string[] = [];
      for (let i = 0; i < 3; i++) {
        const text = `rest ${i} ${randomBytes(3).toString("hex")}`;
        texts.push(text);
        const started = Date.now();
        const res = await on(a).post(
          `/v1/chats/${chatId}/messages`,
          { text, temp_id: `r${i}` },
          alice.accessToken,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(Date.now() - started).toBeLessThan(3000);
      }
      for (let i = 0; i < 3; i++) {
        const text = `socket ${i} ${randomBytes(3).toString("hex")}`;
        texts.push(text);
        const started = Date.now();
        aliceA.send({ type: "send_message", temp_id: `s${i}`, conversation_id: chatId, text });
        const ack = await aliceA.next("message_sent", (f) => f.temp_id === `s${i}`, 10_000);
        expect(ack.message.text).toBe(text);
        expect(Date.now() - started).toBeLessThan(3000);
      }
      expect(aliceA.all("error")).toEqual([]);
      // Bob's socket on the same instance gets them at once: local delivery does not go through Redis.
      for (const text of texts) await bobA.next("new_message", (f) => f.message?.text === text, 5000);

      redis = await startRedisServer({ port: redis.port });
      // On B, each message arrives live, or B tells its socket to resync (it lost its subscription,
      // and pub/sub keeps nothing) and the history has them all.
      const live = () => texts.every((t) => bobB.all("new_message").some((f) => f.message?.text === t));
      await waitFor("each message, or a resync frame, on B", () => live() || bobB.all("resync").length > 0);
      for (const frame of bobB.all("resync")) {
        expect(Object.keys(frame).sort()).toEqual(["reason", "type"]);
        expect(typeof frame.reason).toBe("string");
      }
      const history = expectStatus(
        await on(b).get(`/v1/chats/${chatId}/messages?limit=100`, bob.accessToken),
        200,
      );
      for (const text of texts) expect(history.filter((m: any) => m.text === text)).toHaveLength(1);
      expect(history).toHaveLength(texts.length);
    });

    /** Another device of the user, signed in on the server. */
    async function createSession(user: Account, server: AppServer): Promise<Account> {
      const body = expectStatus(
        await on(server).post("/v1/auth/login", { email: user.email, password: user.password }),
        200,
      );
      return { ...user, deviceId: body.device_id, accessToken: body.access_token };
    }
  },
);
