import { describe, expect, it } from "vitest";
import { createAdmin, eventually } from "../support/admin.ts";
import { Api, createAccount, expectError } from "../support/api.ts";
import { TestSocket } from "../support/socket.ts";

async function groupOf(api: Api, owner: { accessToken: string }, members: { userId: number }[]) {
  const res = await api.post(
    "/v1/chats",
    { type: "group", title: "Reports", members: members.map((m) => m.userId) },
    owner.accessToken,
  );
  expect(res.status).toBe(201);
  return res.body.id as number;
}

async function say(api: Api, who: { accessToken: string }, chatId: number, text: string) {
  const res = await api.post(`/v1/chats/${chatId}/messages`, { text }, who.accessToken);
  expect(res.status).toBe(201);
  return res.body as { id: number };
}

describe("reports", () => {
  it("a member reports a message: 201, a repeat answers the same report with 200, listed as theirs", async () => {
    const api = new Api();
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const chatId = await groupOf(api, alice, [bob]);
    const message = await say(api, bob, chatId, "buy cheap watches at example.com");

    const first = await api.post(
      "/v1/reports",
      { message_id: message.id, reason: "spam", comment: "keeps doing it" },
      alice.accessToken,
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: "queued",
      reason: "spam",
      comment: "keeps doing it",
      target_type: "message",
      message_id: message.id,
      user_id: bob.userId,
    });
    expect(typeof first.body.id).toBe("number");
    expect(Date.parse(first.body.created_at)).not.toBeNaN();

    // Without the /v1 prefix too; the same report while it is still waiting.
    const repeat = await api.post("/reports", { message_id: message.id, reason: "other" }, alice.accessToken);
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(first.body.id);

    const person = await api.post(
      "/v1/reports",
      { user_id: bob.userId, reason: "harassment" },
      alice.accessToken,
    );
    expect(person.status).toBe(201);
    expect(person.body).toMatchObject({
      target_type: "user",
      message_id: null,
      user_id: bob.userId,
      comment: null,
    });

    const mine = await api.get("/v1/reports?limit=1", alice.accessToken);
    expect(mine.status).toBe(200);
    expect(mine.body.reports.map((r: any) => r.id)).toEqual([person.body.id]);
    const next = await api.get(`/v1/reports?limit=1&cursor=${mine.body.next_cursor}`, alice.accessToken);
    expect(next.body.reports.map((r: any) => r.id)).toEqual([first.body.id]);
    expect((await api.get("/v1/reports", bob.accessToken)).body.reports).toEqual([]);
  });

  it("refuses what cannot be reported: a stranger's chat, unknown targets, yourself, bad reasons", async () => {
    const api = new Api();
    const [alice, bob, stranger] = [
      await createAccount(api),
      await createAccount(api),
      await createAccount(api),
    ];
    const chatId = await groupOf(api, alice, [bob]);
    const message = await say(api, bob, chatId, "hello");
    const own = await say(api, alice, chatId, "mine");

    expectError(
      await api.post("/v1/reports", { message_id: message.id, reason: "spam" }, stranger.accessToken),
      404,
      "not_found",
    );
    expectError(
      await api.post("/v1/reports", { message_id: 99999999, reason: "spam" }, alice.accessToken),
      404,
      "not_found",
    );
    expectError(
      await api.post("/v1/reports", { user_id: 99999999, reason: "spam" }, alice.accessToken),
      404,
      "not_found",
    );
    expectError(
      await api.post("/v1/reports", { message_id: own.id, reason: "spam" }, alice.accessToken),
      422,
      "cannot_report_self",
    );
    expectError(
      await api.post("/v1/reports", { user_id: alice.userId, reason: "spam" }, alice.accessToken),
      422,
      "cannot_report_self",
    );
    expectError(
      await api.post("/v1/reports", { message_id: message.id, reason: "rude" }, alice.accessToken),
      422,
      "validation_failed",
    );
    expectError(
      await api.post(
        "/v1/reports",
        { message_id: message.id, reason: "spam", comment: "x".repeat(1001) },
        alice.accessToken,
      ),
      422,
      "validation_failed",
    );
    expectError(
      await api.post(
        "/v1/reports",
        { message_id: message.id, reason: "spam", comment: "a\u0000b" },
        alice.accessToken,
      ),
      422,
      "invalid_text",
    );
    expectError(
      await api.post("/v1/reports", { reason: "spam" }, alice.accessToken),
      422,
      "validation_failed",
    );
    expectError(
      await api.post("/v1/reports", { message_id: message.id, reason: "spam" }),
      401,
      "unauthorized",
    );
  });

  it("a reported message deleted by its author keeps its text for the admins only", async () => {
    const api = new Api();
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const admin = await createAdmin(api);
    const chatId = await groupOf(api, alice, [bob]);
    const message = await say(api, bob, chatId, "watch your back");
    const report = await api.post(
      "/v1/reports",
      { message_id: message.id, reason: "harassment" },
      alice.accessToken,
    );
    const deleted = await api.request("DELETE", `/v1/chats/${chatId}/messages/${message.id}`, {
      token: bob.accessToken,
    });
    expect(deleted.status).toBe(204);
    const history = await api.get(`/v1/chats/${chatId}/messages`, alice.accessToken);
    expect(history.body[0]).toMatchObject({ id: message.id, text: "", deleted_at: expect.any(String) });
    const seen = await api.get(`/v1/admin/reports/${report.body.id}`, admin.accessToken);
    expect(seen.body.message).toMatchObject({ text: "watch your back", deleted_at: expect.any(String) });
  });

  it("are rate limited per user: 10 per 10 minutes, then 429 with Retry-After", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const others = await Promise.all(Array.from({ length: 11 }, () => createAccount(new Api())));
    for (const other of others.slice(0, 10)) {
      const res = await api.post("/v1/reports", { user_id: other.userId, reason: "spam" }, alice.accessToken);
      expect(res.status).toBe(201);
    }
    const refused = await api.post(
      "/v1/reports",
      { user_id: others[10]!.userId, reason: "spam" },
      alice.accessToken,
    );
    expectError(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another reporter is not affected.
    const bob = await createAccount(api);
    expect(
      (await api.post("/v1/reports", { user_id: others[10]!.userId, reason: "spam" }, bob.accessToken))
        .status,
    ).toBe(201);
  });
});

describe("the agent's verdict acts (the real agent, started by stu)", () => {
  it("block: the message becomes a moderation tombstone live for every member, the report waits for an admin; dismissing restores it live", async () => {
    const api = new Api();
    const [alice, bob, carol] = [
      await createAccount(api),
      await createAccount(api),
      await createAccount(api),
    ];
    const admin = await createAdmin(api);
    const chatId = await groupOf(api, alice, [bob, carol]);
    const threat = await say(api, bob, chatId, "I will kill you if you come back here");
    const carolSocket = await TestSocket.connect(api.baseUrl, carol.accessToken);
    const bobSocket = await TestSocket.connect(api.baseUrl, bob.accessToken);

    const started = Date.now();
    const report = await api.post(
      "/v1/reports",
      { message_id: threat.id, reason: "violence" },
      alice.accessToken,
    );
    expect(report.status).toBe(201);
    const tombstone = await carolSocket.next("message_edit", (f) => f.message.id === threat.id, 15_000);
    console.log(`report → block verdict → tombstone on a member's socket: ${Date.now() - started} ms`);
    expect(tombstone).toMatchObject({
      conversation_id: chatId,
      message: { id: threat.id, text: "", attachments: [] },
    });
    expect(tombstone.message.moderated_at).not.toBeNull();
    expect(tombstone.message.deleted_at).toBeNull();
    // The author too sees a tombstone, in history as well.
    await bobSocket.next("message_edit", (f) => f.message.id === threat.id);
    const history = await api.get(`/v1/chats/${chatId}/messages`, carol.accessToken);
    expect(history.body.find((m: any) => m.id === threat.id)).toMatchObject({
      text: "",
      moderated_at: expect.any(String),
    });

    const mine = await eventually(async () => {
      const res = await api.get("/v1/reports", alice.accessToken);
      return res.body.reports[0]?.status === "open" ? res.body.reports[0] : undefined;
    });
    expect(mine.id).toBe(report.body.id);

    const seen = await api.get(`/v1/admin/reports/${report.body.id}`, admin.accessToken);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      status: "open",
      reason: "violence",
      target_type: "message",
      reporter: { id: alice.userId },
      target_user: { id: bob.userId, role: "user", banned_at: null },
      chat: { id: chatId, type: "group", title: "Reports" },
      message: { id: threat.id, text: "I will kill you if you come back here", sender: { id: bob.userId } },
      verdict: { verdict: "block" },
      resolution: null,
    });
    expect(seen.body.verdict.score).toBeGreaterThanOrEqual(0.85);
    expect(seen.body.verdict.labels).toContain("violence");
    expect(seen.body.message.moderated_at).not.toBeNull();

    const dismissed = await api.post(
      `/v1/admin/reports/${report.body.id}`,
      { action: "dismiss", reason: "a quote from a film" },
      admin.accessToken,
    );
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      status: "dismissed",
      resolution: { action: "dismiss", reason: "a quote from a film", resolved_by: { id: admin.userId } },
    });
    const restored = await carolSocket.next(
      "message_edit",
      (f) => f.message.id === threat.id && f.message.moderated_at === null,
    );
    expect(restored.message.text).toBe("I will kill you if you come back here");
    expectError(
      await api.post(`/v1/admin/reports/${report.body.id}`, { action: "ban_user" }, admin.accessToken),
      409,
      "report_closed",
    );

    const verdicts = await api.get(
      `/v1/admin/actions?action=verdict&user_id=${bob.userId}`,
      admin.accessToken,
    );
    expect(verdicts.body.actions[0]).toMatchObject({
      actor: null,
      actor_kind: "agent",
      action: "verdict",
      report_id: report.body.id,
      message_id: threat.id,
      target_user: { id: bob.userId },
      details: { verdict: "block", labels: expect.arrayContaining(["violence"]) },
    });
    await Promise.all([carolSocket.close(), bobSocket.close()]);
  });

  it("allow with a score under MODERATION_ALLOW_THRESHOLD closes the report by itself (dismissed)", async () => {
    const api = new Api();
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const chatId = await groupOf(api, alice, [bob]);
    const harmless = await say(api, bob, chatId, "see you at lunch tomorrow");
    const started = Date.now();
    const report = await api.post(
      "/v1/reports",
      { message_id: harmless.id, reason: "other" },
      alice.accessToken,
    );
    const closed = await eventually(async () => {
      const res = await api.get("/v1/reports", alice.accessToken);
      return res.body.reports[0]?.status === "dismissed" ? res.body.reports[0] : undefined;
    }, 15_000);
    console.log(`report → allow verdict → dismissed: ${Date.now() - started} ms`);
    expect(closed.id).toBe(report.body.id);
    const history = await api.get(`/v1/chats/${chatId}/messages`, alice.accessToken);
    expect(history.body[0]).toMatchObject({
      id: harmless.id,
      text: "see you at lunch tomorrow",
      moderated_at: null,
    });
  });
});
