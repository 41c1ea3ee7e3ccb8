import { describe, expect, it } from "vitest";
import { createAdmin, eventually, rootAdminToken } from "../support/admin.ts";
import { Api, createAccount, expectError } from "../support/api.ts";
import { sql } from "../support/db.ts";
import { fetchMedia, png, upload } from "../support/media.ts";
import { TestSocket } from "../support/socket.ts";

const ENDPOINTS: Array<[string, string, unknown?]> = [
  ["GET", "/v1/admin/reports"],
  ["GET", "/v1/admin/reports/1"],
  ["POST", "/v1/admin/reports/1", { action: "dismiss" }],
  ["GET", "/v1/admin/users"],
  ["GET", "/v1/admin/users/1"],
  ["GET", "/v1/admin/actions"],
  ["POST", "/v1/admin/actions", { action: "warn_user", user_id: 1, reason: "x" }],
  ["GET", "/v1/admin/audit/verify"],
  ["GET", "/v1/admin/stats"],
];

async function dialog(api: Api, a: { accessToken: string }, b: { userId: number }) {
  const res = await api.post("/v1/dialogs", { user_id: b.userId }, a.accessToken);
  expect([200, 201]).toContain(res.status);
  return res.body.id as number;
}

describe("the admin API is for admins only", () => {
  it("every /v1/admin endpoint: 401 without a token, 403 admin_only for a normal user", async () => {
    const api = new Api();
    const user = await createAccount(api);
    for (const [method, path, body] of ENDPOINTS) {
      expectError(await api.request(method, path, { body }), 401, "unauthorized");
      expectError(await api.request(method, path, { body, token: user.accessToken }), 403, "admin_only");
    }
  });

  it("ADMIN_EMAILS makes an admin at sign-up, and at sign-in for an account that lost the role", async () => {
    const api = new Api();
    const token = await rootAdminToken(api);
    expect((await api.get("/v1/users/me", token)).body.role).toBe("admin");
    const late = await createAccount(api, { email: "late-admin@admins.test" });
    expect((await api.get("/v1/users/me", late.accessToken)).body.role).toBe("admin");
    await sql(`UPDATE users SET role = 'user' WHERE id = $1`, [late.userId]);
    expectError(await api.get("/v1/admin/stats", late.accessToken), 403, "admin_only");
    const login = await api.post("/v1/auth/login", { email: late.email, password: late.password });
    expect(login.body.user.role).toBe("admin");
    expect((await api.get("/v1/admin/stats", login.body.access_token)).status).toBe(200);
    const log = await api.get(`/v1/admin/actions?user_id=${late.userId}&action=grant_admin`, token);
    expect(log.body.actions[0]).toMatchObject({
      actor: null,
      actor_kind: "system",
      target_user: { id: late.userId },
    });
  });
});

describe("admin actions", () => {
  it("ban: sockets close within a second with 4401 user_banned, tokens and sign-in answer 403; unban restores sign-in", async () => {
    const api = new Api();
    const admin = await createAdmin(api);
    const [mallory, bob] = [await createAccount(api), await createAccount(api)];
    const secondDevice = await api.post("/v1/auth/login", {
      email: mallory.email,
      password: mallory.password,
    });
    const chatId = await dialog(api, mallory, bob);
    const spam = await api.post(
      `/v1/chats/${chatId}/messages`,
      { text: "cheap pills here" },
      mallory.accessToken,
    );
    const sockets = await Promise.all([
      TestSocket.connect(api.baseUrl, mallory.accessToken),
      TestSocket.connect(api.baseUrl, secondDevice.body.access_token),
    ]);
    const bobSocket = await TestSocket.connect(api.baseUrl, bob.accessToken);

    const at = Date.now();
    const ban = await api.post(
      "/v1/admin/actions",
      { action: "ban_user", user_id: mallory.userId, reason: "spam bot", delete_messages: true },
      admin.accessToken,
    );
    expect(ban.status).toBe(201);
    expect(ban.body).toMatchObject({
      actor: { id: admin.userId },
      actor_kind: "admin",
      action: "ban_user",
      target_user: { id: mallory.userId },
      reason: "spam bot",
      details: { delete_messages: true, messages_removed: 1 },
    });
    expect(ban.body.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const socket of sockets) {
      const closed = await socket.closed;
      expect([closed.code, closed.reason]).toEqual([4401, "user_banned"]);
      expect(closed.at - at).toBeLessThan(1000);
    }
    const tombstone = await bobSocket.next("message_edit", (f) => f.message.id === spam.body.id);
    expect(tombstone.message).toMatchObject({ text: "", moderated_at: expect.any(String) });

    expectError(await api.get("/v1/users/me", mallory.accessToken), 403, "user_banned");
    expectError(
      await api.post("/v1/auth/refresh", { refresh_token: mallory.refreshToken }),
      403,
      "user_banned",
    );
    expectError(
      await api.post("/v1/auth/login", { email: mallory.email, password: mallory.password }),
      403,
      "user_banned",
    );
    const refused = new TestSocket(api.baseUrl, mallory.accessToken);
    expect((await refused.closed).code).toBe(4401);
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "ban_user", user_id: mallory.userId, reason: "again" },
        admin.accessToken,
      ),
      409,
      "already_banned",
    );

    const unban = await api.post(
      "/v1/admin/actions",
      { action: "unban_user", user_id: mallory.userId, reason: "appeal accepted" },
      admin.accessToken,
    );
    expect(unban.status).toBe(201);
    const back = await api.post("/v1/auth/login", { email: mallory.email, password: mallory.password });
    expect(back.status).toBe(200);
    // The ban's removals stay.
    const history = await api.get(`/v1/chats/${chatId}/messages`, back.body.access_token);
    expect(history.body[0]).toMatchObject({ id: spam.body.id, text: "", moderated_at: expect.any(String) });
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "unban_user", user_id: mallory.userId, reason: "again" },
        admin.accessToken,
      ),
      409,
      "not_banned",
    );
    await bobSocket.close();
  });

  it("admins cannot be banned (nor ban themselves); unknown targets are 404; reason is required", async () => {
    const api = new Api();
    const [admin, other] = [await createAdmin(api), await createAdmin(api)];
    for (const userId of [admin.userId, other.userId]) {
      expectError(
        await api.post(
          "/v1/admin/actions",
          { action: "ban_user", user_id: userId, reason: "x" },
          admin.accessToken,
        ),
        422,
        "cannot_ban_admin",
      );
    }
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "warn_user", user_id: 99999999, reason: "x" },
        admin.accessToken,
      ),
      404,
      "not_found",
    );
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "delete_message", message_id: 99999999, reason: "x" },
        admin.accessToken,
      ),
      404,
      "not_found",
    );
    expectError(
      await api.post("/v1/admin/actions", { action: "warn_user", user_id: other.userId }, admin.accessToken),
      422,
      "validation_failed",
    );
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "warn_user", user_id: other.userId, reason: "x".repeat(501) },
        admin.accessToken,
      ),
      422,
      "validation_failed",
    );
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "shout", user_id: other.userId, reason: "x" },
        admin.accessToken,
      ),
      422,
      "validation_failed",
    );
  });

  it("delete_message: a moderation tombstone live in any chat, in the chat list, its file gone, no longer editable", async () => {
    const api = new Api();
    const admin = await createAdmin(api);
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const chatId = await dialog(api, alice, bob);
    const file = await upload(api, alice, await png(8, 8), "image/png", "awful.png");
    const message = await api.post(
      `/v1/chats/${chatId}/messages`,
      { text: "something awful", attachments: [file] },
      alice.accessToken,
    );
    expect((await fetchMedia(api, bob, `/v1/media/${file}`)).res.status).toBe(200);
    const bobSocket = await TestSocket.connect(api.baseUrl, bob.accessToken);
    const removed = await api.post(
      "/v1/admin/actions",
      { action: "delete_message", message_id: message.body.id, reason: "hate speech" },
      admin.accessToken,
    );
    expect(removed.status).toBe(201);
    expect(removed.body).toMatchObject({
      action: "delete_message",
      message_id: message.body.id,
      target_user: { id: alice.userId },
    });
    const frame = await bobSocket.next("message_edit", (f) => f.message.id === message.body.id);
    expect(frame).toMatchObject({
      conversation_id: chatId,
      message: { text: "", attachments: [], deleted_at: null },
    });
    expect(frame.message.moderated_at).not.toBeNull();
    const list = await api.get("/v1/chats", bob.accessToken);
    expect(list.body.find((c: any) => c.id === chatId).last_message).toMatchObject({
      text: "",
      moderated_at: expect.any(String),
    });
    expectError(await api.get(`/v1/media/${file}`, bob.accessToken), 404, "not_found");
    expectError(
      await api.request("PATCH", `/v1/chats/${chatId}/messages/${message.body.id}`, {
        token: alice.accessToken,
        body: { text: "edited back" },
      }),
      409,
      "message_removed",
    );
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "delete_message", message_id: message.body.id, reason: "again" },
        admin.accessToken,
      ),
      409,
      "already_removed",
    );
    await bobSocket.close();
  });

  it("warn_user: a warning frame on every device at once, listed until acknowledged", async () => {
    const api = new Api();
    const admin = await createAdmin(api);
    const alice = await createAccount(api);
    const second = await api.post("/v1/auth/login", { email: alice.email, password: alice.password });
    const sockets = await Promise.all([
      TestSocket.connect(api.baseUrl, alice.accessToken),
      TestSocket.connect(api.baseUrl, second.body.access_token),
    ]);
    const warned = await api.post(
      "/v1/admin/actions",
      { action: "warn_user", user_id: alice.userId, reason: "Please stop posting links." },
      admin.accessToken,
    );
    expect(warned.status).toBe(201);
    for (const socket of sockets) {
      const frame = await socket.next("warning");
      expect(frame.warning).toMatchObject({ reason: "Please stop posting links.", acknowledged_at: null });
      expect(frame.warning.id).toBe(warned.body.details.warning_id);
    }
    const pending = await api.get("/v1/users/me/warnings", alice.accessToken);
    expect(pending.body.warnings.map((w: any) => w.id)).toEqual([warned.body.details.warning_id]);
    const id = warned.body.details.warning_id;
    expect((await api.post(`/v1/users/me/warnings/${id}/ack`, undefined, alice.accessToken)).status).toBe(
      204,
    );
    expect((await api.post(`/users/me/warnings/${id}/ack`, undefined, alice.accessToken)).status).toBe(204);
    expect((await api.get("/v1/users/me/warnings", alice.accessToken)).body.warnings).toEqual([]);
    const bob = await createAccount(api);
    expectError(
      await api.post(`/v1/users/me/warnings/${id}/ack`, undefined, bob.accessToken),
      404,
      "not_found",
    );

    const detail = await api.get(`/v1/admin/users/${alice.userId}`, admin.accessToken);
    expect(detail.body).toMatchObject({
      id: alice.userId,
      email: alice.email,
      warnings_count: 1,
      online: true,
    });
    expect(detail.body.warnings[0]).toMatchObject({ id, acknowledged_at: expect.any(String) });
    expect(detail.body.recent_actions[0]).toMatchObject({ action: "warn_user" });
    await Promise.all(sockets.map((s) => s.close()));
  });

  it("grant_admin and revoke_admin; the role takes effect at once", async () => {
    const api = new Api();
    const admin = await createAdmin(api);
    const carol = await createAccount(api);
    expectError(await api.get("/v1/admin/stats", carol.accessToken), 403, "admin_only");
    const grant = await api.post(
      "/v1/admin/actions",
      { action: "grant_admin", user_id: carol.userId, reason: "new moderator" },
      admin.accessToken,
    );
    expect(grant.status).toBe(201);
    expect((await api.get("/v1/admin/stats", carol.accessToken)).status).toBe(200);
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "grant_admin", user_id: carol.userId, reason: "again" },
        admin.accessToken,
      ),
      409,
      "already_admin",
    );
    const admins = await api.get(`/v1/admin/users?filter=admins&query=${carol.username}`, admin.accessToken);
    expect(admins.body.users.map((u: any) => u.id)).toEqual([carol.userId]);
    const revoke = await api.post(
      "/v1/admin/actions",
      { action: "revoke_admin", user_id: carol.userId, reason: "stepped down" },
      carol.accessToken,
    );
    expect(revoke.status).toBe(201);
    expectError(await api.get("/v1/admin/stats", carol.accessToken), 403, "admin_only");
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "revoke_admin", user_id: carol.userId, reason: "again" },
        admin.accessToken,
      ),
      409,
      "not_admin",
    );
  });
});

describe("resolving reports", () => {
  it("ban_user from a report closes every other report on the target and bans", async () => {
    const api = new Api();
    const admin = await createAdmin(api);
    const [alice, bob, mallory] = [
      await createAccount(api),
      await createAccount(api),
      await createAccount(api),
    ];
    const group = await api.post(
      "/v1/chats",
      { type: "group", title: "G", members: [bob.userId, mallory.userId] },
      alice.accessToken,
    );
    // A block verdict: the reports stay open for an admin.
    const message = await api.post(
      `/v1/chats/${group.body.id}/messages`,
      { text: "I will kill you all" },
      mallory.accessToken,
    );
    const r1 = await api.post(
      "/v1/reports",
      { message_id: message.body.id, reason: "harassment" },
      alice.accessToken,
    );
    const r2 = await api.post(
      "/v1/reports",
      { message_id: message.body.id, reason: "spam" },
      bob.accessToken,
    );
    await eventually(async () => {
      const res = await api.get("/v1/admin/reports?limit=100", admin.accessToken);
      return res.body.reports.filter((r: any) => [r1.body.id, r2.body.id].includes(r.id)).length === 2;
    });
    const resolved = await api.post(
      `/v1/admin/reports/${r1.body.id}`,
      { action: "ban_user", reason: "threats" },
      admin.accessToken,
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: "resolved",
      resolution: { action: "ban_user", reason: "threats", resolved_by: { id: admin.userId } },
    });
    const other = await api.get(`/v1/admin/reports/${r2.body.id}`, admin.accessToken);
    expect(other.body).toMatchObject({ status: "resolved", resolution: { action: "ban_user" } });
    expectError(await api.get("/v1/users/me", mallory.accessToken), 403, "user_banned");
    const entry = (
      await api.get(`/v1/admin/actions?action=ban_user&user_id=${mallory.userId}`, admin.accessToken)
    ).body.actions[0];
    expect(entry).toMatchObject({ report_id: r1.body.id, details: { resolution: "ban_user" } });
    expect(entry.details.closed_report_ids.sort()).toEqual([r1.body.id, r2.body.id].sort());
  });

  it("lists the queue by status and reason with a cursor; a user report can be warned on", async () => {
    const api = new Api();
    const admin = await createAdmin(api);
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    // What the agent sends to review: the report waits for an admin.
    const chatId = await dialog(api, bob, alice);
    await api.post(`/v1/chats/${chatId}/messages`, { text: "watch your back" }, bob.accessToken);
    const report = await api.post(
      "/v1/reports",
      { user_id: bob.userId, reason: "hate", comment: "see his profile" },
      alice.accessToken,
    );
    const listed = await eventually(async () => {
      const res = await api.get("/v1/admin/reports?status=open&reason=hate&limit=100", admin.accessToken);
      return res.body.reports.find((r: any) => r.id === report.body.id);
    });
    expect(listed).toMatchObject({
      target_type: "user",
      message: null,
      chat: null,
      context: [],
      comment: "see his profile",
      verdict: { verdict: "review" },
    });
    const page = await api.get("/v1/admin/reports?status=all&limit=1", admin.accessToken);
    expect(page.body.reports).toHaveLength(1);
    expect(typeof page.body.next_cursor).toBe("string");
    const next = await api.get(
      `/v1/admin/reports?status=all&limit=1&cursor=${page.body.next_cursor}`,
      admin.accessToken,
    );
    expect(next.body.reports[0].id).toBeLessThan(page.body.reports[0].id);
    expectError(
      await api.get("/v1/admin/reports?cursor=nonsense", admin.accessToken),
      422,
      "validation_failed",
    );
    expectError(await api.get("/v1/admin/reports?limit=101", admin.accessToken), 422, "validation_failed");

    const bobSocket = await TestSocket.connect(api.baseUrl, bob.accessToken);
    expectError(
      await api.post(`/v1/admin/reports/${report.body.id}`, { action: "remove_message" }, admin.accessToken),
      422,
      "no_message",
    );
    const warned = await api.post(
      `/v1/admin/reports/${report.body.id}`,
      { action: "warn_user" },
      admin.accessToken,
    );
    expect(warned.body.status).toBe("resolved");
    const frame = await bobSocket.next("warning");
    expect(frame.warning.reason).toContain("hate speech");
    await bobSocket.close();
  });
});

describe("stats", () => {
  it("have the documented shape, with every day of the range present", async () => {
    const api = new Api();
    const admin = await createAdmin(api);
    const res = await api.get("/v1/admin/stats?days=7", admin.accessToken);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({
      users: {
        total: expect.any(Number),
        active_24h: expect.any(Number),
        active_7d: expect.any(Number),
        banned: expect.any(Number),
        admins: expect.any(Number),
      },
      messages: { total: expect.any(Number) },
      chats: { total: expect.any(Number), dialogs: expect.any(Number), groups: expect.any(Number) },
      reports: { queued: expect.any(Number), open: expect.any(Number) },
      sockets_online: expect.any(Number),
      users_online: expect.any(Number),
      storage: { uploads_bytes: expect.any(Number), attachments: expect.any(Number) },
      database: { size_bytes: expect.any(Number) },
    });
    expect(s.users.admins).toBeGreaterThanOrEqual(2);
    expect(s.database.size_bytes).toBeGreaterThan(1_000_000);
    const today = new Date().toISOString().slice(0, 10);
    const expected = Array.from({ length: 7 }, (_, i) =>
      new Date(Date.now() - (6 - i) * 86_400_000).toISOString().slice(0, 10),
    );
    for (const series of [s.new_users_per_day, s.active_users_per_day, s.messages_per_day]) {
      expect(series.map((d: any) => d.date)).toEqual(expected);
      for (const d of series) expect(Number.isInteger(d.count)).toBe(true);
    }
    expect(s.new_users_per_day.at(-1).count).toBeGreaterThanOrEqual(1);
    expect(s.active_users_per_day.at(-1)).toMatchObject({ date: today });
    expect(s.active_users_per_day.at(-1).count).toBeGreaterThanOrEqual(1);
    expect(Date.parse(s.generated_at)).not.toBeNaN();

    const socket = await TestSocket.connect(api.baseUrl, admin.accessToken);
    const live = await api.get("/v1/admin/stats?days=1", admin.accessToken);
    expect(live.body.sockets_online).toBeGreaterThanOrEqual(1);
    expect(live.body.messages_per_day).toHaveLength(1);
    await socket.close();
    expectError(await api.get("/v1/admin/stats?days=366", admin.accessToken), 422, "validation_failed");
    expectError(await api.get("/v1/admin/stats?days=0", admin.accessToken), 422, "validation_failed");
  });
});
