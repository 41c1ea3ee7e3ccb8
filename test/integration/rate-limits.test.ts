import { describe, expect, it } from "vitest";
import { Api, baseUrl, createAccount, expectError, uniqueEmail } from "../support/api.ts";
import { TestSocket } from "../support/socket.ts";

function expectRateLimited(res: { status: number; headers: Headers; body: any }) {
  expectError(res, 429, "rate_limited");
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3600);
}

describe("rate limits answer 429 with Retry-After", () => {
  it("register: 10 per hour per IP", async () => {
    const api = new Api();
    for (let i = 0; i < 10; i++) {
      const res = await api.post("/v1/auth/register", {
        email: uniqueEmail("rl"),
        password: "a long enough password",
      });
      expect(res.status).toBe(201);
    }
    expectRateLimited(
      await api.post("/v1/auth/register", { email: uniqueEmail("rl"), password: "a long enough password" }),
    );
    // Another address is unaffected.
    expect(
      (
        await new Api().post("/v1/auth/register", {
          email: uniqueEmail("rl"),
          password: "a long enough password",
        })
      ).status,
    ).toBe(201);
  });

  it("login: 10 failures per account lock it even for the right password, from any IP", async () => {
    const account = await createAccount(new Api());
    for (let i = 0; i < 10; i++) {
      expectError(
        await new Api().post("/v1/auth/login", { email: account.email, password: `wrong ${i}` }),
        401,
        "invalid_credentials",
      );
    }
    expectRateLimited(
      await new Api().post("/v1/auth/login", { email: account.email, password: account.password }),
    );
  });

  it("login: 30 failures per IP, across accounts", async () => {
    const api = new Api();
    for (let i = 0; i < 30; i++) {
      expectError(
        await api.post("/v1/auth/login", { email: uniqueEmail("nobody"), password: "whatever" }),
        401,
        "invalid_credentials",
      );
    }
    expectRateLimited(
      await api.post("/v1/auth/login", { email: uniqueEmail("nobody"), password: "whatever" }),
    );
  });

  it("successful logins do not count against the account", async () => {
    const api = new Api();
    const account = await createAccount(api);
    for (let i = 0; i < 12; i++) {
      expect(
        (await api.post("/v1/auth/login", { email: account.email, password: account.password })).status,
      ).toBe(200);
    }
  });

  it("resend: 3 per 15 minutes per e-mail", async () => {
    const email = uniqueEmail("resend");
    const api = new Api();
    for (let i = 0; i < 3; i++) expect((await api.post("/v1/auth/resend", { email })).status).toBe(202);
    expectRateLimited(await new Api().post("/v1/auth/resend", { email }));
  });

  it("messages: a flood from one user gets 429 over REST and rate_limited on the socket, others still send", async () => {
    const api = new Api();
    const [flooder, other] = [await createAccount(api), await createAccount(api)];
    const chat = await api.post("/v1/dialogs", { user_id: other.userId }, flooder.accessToken);
    const path = `/v1/chats/${chat.body.id}/messages`;
    const socket = await TestSocket.connect(baseUrl(), flooder.accessToken);
    try {
      // Far more than the default 20 per second plus a burst of 40, all at once.
      let firstRefusal!: () => void;
      const refused = new Promise<void>((resolve) => {
        firstRefusal = resolve;
      });
      const flood = Promise.all(
        Array.from({ length: 150 }, async (_, i) => {
          const res = await api.post(
            path,
            { text: `flood ${i}`, temp_id: `flood-${i}` },
            flooder.accessToken,
          );
          if (res.status === 429) firstRefusal();
          return res;
        }),
      );
      // The same user's socket shares the window: once REST is refused, so are socket sends
      // (30 frames, which alone would pass both the frame limit and the message limit).
      await Promise.race([refused, flood]);
      for (let i = 0; i < 30; i++)
        socket.send({
          type: "send_message",
          temp_id: `ws-${i}`,
          conversation_id: chat.body.id,
          text: `ws ${i}`,
        });
      const answerOf = (i: number) =>
        socket.frames.find(
          (f) => (f.type === "message_sent" || f.type === "error") && f.temp_id === `ws-${i}`,
        );
      const deadline = Date.now() + 20_000;
      while (Array.from({ length: 30 }, (_, i) => answerOf(i)).some((f) => !f) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const answers = Array.from({ length: 30 }, (_, i) => answerOf(i));
      expect(answers.every(Boolean)).toBe(true);
      const responses = await flood;

      const accepted = responses.filter((r) => r.status === 201);
      const limited = responses.filter((r) => r.status === 429);
      expect(accepted.length + limited.length).toBe(150);
      expect(accepted.length).toBeGreaterThan(0);
      expect(limited.length).toBeGreaterThan(0);
      for (const res of limited) expectRateLimited(res);
      const socketRefusals = answers.filter((f) => f.type === "error");
      expect(socketRefusals.length).toBeGreaterThan(0);
      for (const f of socketRefusals) expect(f).toMatchObject({ code: "rate_limited" });

      // Another user is not affected.
      const reply = await api.post(path, { text: "still here" }, other.accessToken);
      expect(reply.status).toBe(201);
      // Exactly the accepted messages were stored, each once.
      const stored: any[] = [];
      for (let page: any[] = [null]; page.length; ) {
        const before = stored.length ? `&before_id=${stored[stored.length - 1].id}` : "";
        page = (await api.get(`${path}?limit=100${before}`, other.accessToken)).body;
        stored.push(...page);
      }
      const mine = stored.filter((m: any) => m.sender_id === flooder.userId);
      const acceptedOnSocket = answers.filter((f) => f.type === "message_sent").length;
      expect(mine.length).toBe(accepted.length + acceptedOnSocket);
      expect(new Set(mine.map((m: any) => m.id)).size).toBe(mine.length);
    } finally {
      await socket.close();
    }
  });
});
