import { describe, expect, it } from "vitest";
import {
  type Account,
  Api,
  baseUrl,
  createAccount,
  expectError,
  mailUrl,
  uniqueEmail,
} from "../support/api.ts";
import { sql } from "../support/db.ts";
import { type CaughtMail, waitForCode, waitForMailMatch } from "../support/mail-catcher.ts";
import { TestSocket } from "../support/socket.ts";

const NEW_PASSWORD = "a brand new password";

async function mailsTo(email: string): Promise<CaughtMail[]> {
  return (await fetch(`${mailUrl()}/mails?to=${encodeURIComponent(email)}`)).json();
}

async function secondDevice(api: Api, account: Account, password = account.password) {
  const res = await api.post("/v1/auth/login", { email: account.email, password, device_name: "phone" });
  expect(res.status).toBe(200);
  return res.body as { access_token: string; refresh_token: string; device_id: number };
}

/** Asks for a reset and answers the link's token and the code of the mail it sends. */
async function forgot(api: Api, email: string) {
  const before = (await mailsTo(email)).length;
  const res = await api.post("/v1/auth/password/forgot", { email });
  expect(res.status).toBe(202);
  const token = await waitForMailMatch(mailUrl(), email, /reset-password\?token=([\w-]+)/, before);
  const code = await waitForCode(mailUrl(), email, before);
  return { token, code };
}

describe("change password", () => {
  it("needs the current password; ends the other sessions, keeps this one, and mails a notice", async () => {
    const api = new Api();
    const me = await createAccount(api);
    const phone = await secondDevice(api, me);
    const body = { current_password: me.password, new_password: NEW_PASSWORD };

    expectError(
      await api.post(
        "/v1/auth/password/change",
        { ...body, current_password: "not it at all" },
        me.accessToken,
      ),
      403,
      "wrong_password",
    );
    const short = await api.post(
      "/v1/auth/password/change",
      { ...body, new_password: "short" },
      me.accessToken,
    );
    expectError(short, 422, "validation_failed");
    expect(JSON.stringify(short.body.error.details)).toContain("new_password");
    expectError(await api.post("/v1/auth/password/change", body), 401, "unauthorized");

    const changed = await api.post("/v1/auth/password/change", body, me.accessToken);
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ status: "password_changed", signed_out_sessions: 1 });

    expect((await api.get("/v1/users/me", me.accessToken)).status).toBe(200);
    expectError(await api.get("/v1/users/me", phone.access_token), 401, "session_revoked");
    expectError(
      await api.post("/v1/auth/refresh", { refresh_token: phone.refresh_token }),
      401,
      "session_revoked",
    );
    expectError(
      await api.post("/v1/auth/login", { email: me.email, password: me.password }),
      401,
      "invalid_credentials",
    );
    await secondDevice(api, me, NEW_PASSWORD);
    const notice = await waitForMailMatch(
      mailUrl(),
      me.email,
      /(password of your stu account was just changed)/,
    );
    expect(notice).toBeTruthy();
  });

  it("keeps the other sessions when asked to", async () => {
    const api = new Api();
    const me = await createAccount(api);
    const phone = await secondDevice(api, me);
    const res = await api.post(
      "/v1/auth/password/change",
      { current_password: me.password, new_password: NEW_PASSWORD, sign_out_other_sessions: false },
      me.accessToken,
    );
    expect(res.body.signed_out_sessions).toBe(0);
    expect((await api.get("/v1/users/me", phone.access_token)).status).toBe(200);
  });

  it("wrong current passwords are rate limited per account", async () => {
    const api = new Api();
    const me = await createAccount(api);
    const wrong = { current_password: "not my password", new_password: NEW_PASSWORD };
    for (let i = 0; i < 10; i++)
      expectError(await api.post("/v1/auth/password/change", wrong, me.accessToken), 403, "wrong_password");
    const limited = await api.post("/v1/auth/password/change", wrong, me.accessToken);
    expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("forgotten password", () => {
  it("answers the same for an unknown e-mail and mails nothing", async () => {
    const api = new Api();
    const email = uniqueEmail("nobody");
    const res = await api.post("/v1/auth/password/forgot", { email });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: "accepted" });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await mailsTo(email)).toHaveLength(0);
    expectError(
      await api.post("/v1/auth/password/forgot", { email: "not-an-email" }),
      422,
      "validation_failed",
    );
  });

  it("the mailed link sets a new password once and signs out every session", async () => {
    const api = new Api();
    const me = await createAccount(api);
    const phone = await secondDevice(api, me);
    const { token } = await forgot(api, me.email);

    const reset = await api.post("/v1/auth/password/reset", { token, new_password: NEW_PASSWORD });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ status: "password_reset" });
    for (const access of [me.accessToken, phone.access_token])
      expectError(await api.get("/v1/users/me", access), 401, "session_revoked");
    expectError(
      await api.post("/v1/auth/refresh", { refresh_token: me.refreshToken }),
      401,
      "session_revoked",
    );

    // Single use.
    expectError(
      await api.post("/v1/auth/password/reset", { token, new_password: "yet another password" }),
      400,
      "invalid_token",
    );
    expectError(
      await api.post("/v1/auth/login", { email: me.email, password: me.password }),
      401,
      "invalid_credentials",
    );
    await secondDevice(api, me, NEW_PASSWORD);
  });

  it("the mailed code works too (e-mail + code), with five tries", async () => {
    const api = new Api();
    const me = await createAccount(api);
    const { code } = await forgot(api, me.email);
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expectError(
      await api.post("/v1/auth/password/reset", {
        email: me.email,
        code: wrongCode,
        new_password: NEW_PASSWORD,
      }),
      400,
      "invalid_code",
    );
    const ok = await api.post("/v1/auth/password/reset", {
      email: me.email,
      code,
      new_password: NEW_PASSWORD,
    });
    expect(ok.status).toBe(200);
    await secondDevice(api, me, NEW_PASSWORD);
  });

  it("a link expires after 30 minutes, and a newer request replaces the older link", async () => {
    const api = new Api();
    const me = await createAccount(api);
    const first = await forgot(api, me.email);
    const [row] = await sql<{ expires_at: Date; created_at: Date }>(
      `SELECT expires_at, created_at FROM verification_codes WHERE user_id = $1 AND purpose = 'password_reset'`,
      [me.userId],
    );
    expect(row!.expires_at.getTime() - row!.created_at.getTime()).toBe(30 * 60_000);
    const second = await forgot(api, me.email);
    expectError(
      await api.post("/v1/auth/password/reset", { token: first.token, new_password: NEW_PASSWORD }),
      400,
      "invalid_token",
    );
    await sql(
      `UPDATE verification_codes SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND consumed_at IS NULL`,
      [me.userId],
    );
    expectError(
      await api.post("/v1/auth/password/reset", { token: second.token, new_password: NEW_PASSWORD }),
      400,
      "code_expired",
    );
    expectError(
      await api.post("/v1/auth/password/reset", { token: "pr_made-up", new_password: NEW_PASSWORD }),
      400,
      "invalid_token",
    );
  });

  it("validates the reset body", async () => {
    const api = new Api();
    const missing = await api.post("/v1/auth/password/reset", { new_password: NEW_PASSWORD });
    expectError(missing, 422, "validation_failed");
    expect(JSON.stringify(missing.body.error.details)).toContain("token, or email and code");
    expectError(
      await api.post("/v1/auth/password/reset", { token: "x", new_password: "short" }),
      422,
      "validation_failed",
    );
  });

  it("is rate limited per e-mail address", async () => {
    const email = uniqueEmail("flood");
    for (let i = 0; i < 3; i++)
      expect((await new Api().post("/v1/auth/password/forgot", { email })).status).toBe(202);
    const limited = await new Api().post("/v1/auth/password/forgot", { email });
    expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("change e-mail", () => {
  it("moves the account once the code mailed to the new address is entered", async () => {
    const api = new Api();
    const me = await createAccount(api);
    const other = await createAccount(api);
    const newEmail = uniqueEmail("moved");

    expectError(
      await api.post(
        "/v1/users/me/email",
        { new_email: newEmail, password: "wrong password!" },
        me.accessToken,
      ),
      403,
      "wrong_password",
    );
    expectError(
      await api.post("/v1/users/me/email", { new_email: other.email, password: me.password }, me.accessToken),
      409,
      "email_taken",
    );
    expectError(
      await api.post("/v1/users/me/email", { new_email: me.email, password: me.password }, me.accessToken),
      422,
      "same_email",
    );
    const asked = await api.post(
      "/v1/users/me/email",
      { new_email: newEmail, password: me.password },
      me.accessToken,
    );
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ status: "verification_sent", new_email: newEmail });
    // Not moved yet.
    expect((await api.get("/v1/users/me", me.accessToken)).body.email).toBe(me.email);

    const code = await waitForCode(mailUrl(), newEmail);
    expectError(
      await api.post("/v1/users/me/email/verify", { code: "12" }, me.accessToken),
      422,
      "validation_failed",
    );
    // The code is the account's own: another account cannot spend it.
    expectError(
      await api.post("/v1/users/me/email/verify", { code }, other.accessToken),
      400,
      "invalid_code",
    );
    const moved = await api.post("/v1/users/me/email/verify", { code }, me.accessToken);
    expect(moved.status).toBe(200);
    expect(moved.body.email).toBe(newEmail);

    expectError(await api.post("/v1/users/me/email/verify", { code }, me.accessToken), 400, "invalid_code");
    expect((await api.post("/v1/auth/login", { email: newEmail, password: me.password })).status).toBe(200);
    expectError(
      await api.post("/v1/auth/login", { email: me.email, password: me.password }),
      401,
      "invalid_credentials",
    );
    const notice = await waitForMailMatch(mailUrl(), me.email, /changed to (\S+)\./);
    expect(notice).toBe(newEmail);
  });
});

describe("delete account", () => {
  it("needs the password; wipes the profile, ends every session, leaves groups, keeps the messages", async () => {
    const api = new Api();
    const me = await createAccount(api);
    const friend = await createAccount(api);
    const third = await createAccount(api);
    const dialog = await api.post("/v1/chats", { type: "dialog", members: [friend.userId] }, me.accessToken);
    const group = await api.post(
      "/v1/chats",
      { type: "group", title: "Team", members: [friend.userId, third.userId] },
      me.accessToken,
    );
    const sent = await api.post(
      `/v1/chats/${dialog.body.id}/messages`,
      { text: "remember me" },
      me.accessToken,
    );
    expect(sent.status).toBe(201);

    const del = (password: string, token = me.accessToken) =>
      api.request("DELETE", "/v1/users/me", { body: { password }, token });
    expectError(await del("not my password"), 403, "wrong_password");
    expectError(
      await api.request("DELETE", "/v1/users/me", { token: me.accessToken }),
      422,
      "validation_failed",
    );
    expect((await del(me.password)).status).toBe(204);

    expectError(await api.get("/v1/users/me", me.accessToken), 401, "session_revoked");
    expectError(
      await api.post("/v1/auth/login", { email: me.email, password: me.password }),
      401,
      "invalid_credentials",
    );

    const profile = await api.get(`/v1/users/${me.userId}`, friend.accessToken);
    expect(profile.body).toMatchObject({ display_name: "Deleted account", avatar_url: null, deleted: true });
    expect(profile.body.username).not.toBe(me.username);
    const found = await api.get(`/v1/users?query=${encodeURIComponent(me.username)}`, friend.accessToken);
    expect(found.body.map((u: { id: number }) => u.id)).not.toContain(me.userId);

    const history = await api.get(`/v1/chats/${dialog.body.id}/messages`, friend.accessToken);
    expect(history.body.map((m: { text: string }) => m.text)).toContain("remember me");
    const teamChat = await api.get(`/v1/chats/${group.body.id}`, friend.accessToken);
    expect(teamChat.body.members.map((m: { id: number }) => m.id)).not.toContain(me.userId);
    // Ownership passed on.
    expect(teamChat.body.members.some((m: { role: string }) => m.role === "owner")).toBe(true);

    // The e-mail is free again.
    const again = await api.post("/v1/auth/register", { email: me.email, password: me.password });
    expect(again.status).toBe(201);
  });

  it("a dialog with a deleted account takes no new messages (REST, socket and forward are refused) and no call", async () => {
    const api = new Api();
    const gone = await createAccount(api);
    const friend = await createAccount(api);
    const dialog = (await api.post("/v1/dialogs", { user_id: gone.userId }, friend.accessToken)).body;
    const notes = (
      await api.post("/v1/chats", { type: "group", title: "Notes", members: [] }, friend.accessToken)
    ).body;
    const kept = await api.post(`/v1/chats/${notes.id}/messages`, { text: "keep" }, friend.accessToken);
    expect(kept.status).toBe(201);
    const socket = await TestSocket.connect(baseUrl(), friend.accessToken);
    expect(
      (
        await api.request("DELETE", "/v1/users/me", {
          body: { password: gone.password },
          token: gone.accessToken,
        })
      ).status,
    ).toBe(204);
    // The friend learns it live: the member is deleted, the dialog renamed.
    const updated = await socket.next("member_updated", (f) => f.conversation_id === dialog.id);
    expect(updated.member).toMatchObject({ id: gone.userId, deleted: true, display_name: "Deleted account" });
    const renamed = await socket.next("chat_updated", (f) => f.conversation_id === dialog.id);
    expect(renamed.chat.title).toBe("Deleted account");

    const chat = await api.get(`/v1/chats/${dialog.id}`, friend.accessToken);
    expect(chat.body.members.find((m: { id: number }) => m.id === gone.userId)).toMatchObject({
      deleted: true,
      display_name: "Deleted account",
    });
    const before = (await api.get(`/v1/chats/${dialog.id}/messages`, friend.accessToken)).body.length;
    expectError(
      await api.post(`/v1/chats/${dialog.id}/messages`, { text: "hello?" }, friend.accessToken),
      403,
      "user_deleted",
    );
    expectError(
      await api.post(
        `/v1/chats/${dialog.id}/messages/forward`,
        { from_chat_id: notes.id, message_ids: [kept.body.id] },
        friend.accessToken,
      ),
      403,
      "user_deleted",
    );
    try {
      socket.send({ type: "send_message", temp_id: "to-gone", conversation_id: dialog.id, text: "anyone?" });
      const refusal = await socket.next("error", (f) => f.temp_id === "to-gone");
      expect(refusal.code).toBe("user_deleted");
      // Nor can it be called: the offer is refused, no call is recorded.
      socket.send({
        type: "call_signal",
        conversation_id: dialog.id,
        call_id: "call-gone",
        signal: { kind: "offer", sdp: "v=0" },
      });
      const callRefusal = await socket.next("error", (f) => f.call_id === "call-gone");
      expect(callRefusal.code).toBe("user_deleted");
      expect((await api.get(`/v1/calls?chat_id=${dialog.id}`, friend.accessToken)).body).toEqual([]);
    } finally {
      await socket.close();
    }
    expect((await api.get(`/v1/chats/${dialog.id}/messages`, friend.accessToken)).body.length).toBe(before);
    // Their own groups still work.
    expect(
      (await api.post(`/v1/chats/${notes.id}/messages`, { text: "ok" }, friend.accessToken)).status,
    ).toBe(201);
  });
});
