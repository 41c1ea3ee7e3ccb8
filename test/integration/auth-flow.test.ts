import { describe, expect, it } from "vitest";
import { Api, createAccount, expectError, mailUrl, uniqueEmail } from "../support/api.ts";
import { waitForCode } from "../support/mail-catcher.ts";

describe("account lifecycle over real HTTP and SMTP", () => {
  it("register → mail → verify → login → refresh → reuse revokes → logout → logout_all", async () => {
    const api = new Api();
    const email = uniqueEmail("flow");
    const password = "correct horse battery";

    const reg = await api.post("/v1/auth/register", { email: email.toUpperCase(), password });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ email, status: "verification_sent" });
    expect(reg.body.id).toBe(reg.body.user_id);
    expect(reg.body.username).toMatch(/^[a-z][a-z0-9_]{2,31}$/);

    const code = await waitForCode(mailUrl(), email);
    const verified = await api.post("/v1/auth/verify", {
      email,
      code,
      device_name: "Laptop",
      platform: "linux",
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ user_id: reg.body.id, token_type: "Bearer", expires_in: 900 });
    expect(verified.body.user).toMatchObject({ id: reg.body.id, email, email_verified: true, role: "user" });
    expect(verified.body.refresh_token).toMatch(/^rt_/);

    const me = await api.get("/v1/users/me", verified.body.access_token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: reg.body.id, email, username: reg.body.username });

    const login = await api.post("/v1/auth/login", { email, password, device_name: "Phone" });
    expect(login.status).toBe(200);
    expect(login.body.device_id).not.toBe(verified.body.device_id);

    const refreshed = await api.post("/v1/auth/refresh", { refresh_token: login.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(login.body.refresh_token);
    expect((await api.get("/v1/users/me", refreshed.body.access_token)).status).toBe(200);

    // The spent token comes back from somewhere else (outside the same client's grace window): the
    // whole login's family is revoked, the verify session is not.
    const reused = await new Api().post("/v1/auth/refresh", { refresh_token: login.body.refresh_token });
    expectError(reused, 401, "refresh_token_reused");
    expectError(
      await api.post("/v1/auth/refresh", { refresh_token: refreshed.body.refresh_token }),
      401,
      "session_revoked",
    );
    expectError(await api.get("/v1/users/me", refreshed.body.access_token), 401, "session_revoked");
    expect((await api.get("/v1/users/me", verified.body.access_token)).status).toBe(200);

    const second = await api.post("/v1/auth/login", { email, password });
    expect((await api.post("/v1/auth/logout", { refresh_token: verified.body.refresh_token })).status).toBe(
      204,
    );
    expectError(await api.get("/v1/users/me", verified.body.access_token), 401, "session_revoked");
    expect((await api.get("/v1/users/me", second.body.access_token)).status).toBe(200);

    const third = await api.post("/v1/auth/login", { email, password });
    expect((await api.post("/v1/auth/logout_all", { refresh_token: third.body.refresh_token })).status).toBe(
      204,
    );
    expectError(await api.get("/v1/users/me", second.body.access_token), 401, "session_revoked");
    expectError(await api.get("/v1/users/me", third.body.access_token), 401, "session_revoked");
    expectError(
      await api.post("/v1/auth/refresh", { refresh_token: second.body.refresh_token }),
      401,
      "session_revoked",
    );
  });

  it("refuses unknown refresh tokens and logout with them", async () => {
    const api = new Api();
    expectError(
      await api.post("/v1/auth/refresh", { refresh_token: "rt_nope" }),
      401,
      "invalid_refresh_token",
    );
    expectError(
      await api.post("/v1/auth/logout", { refresh_token: "rt_nope" }),
      401,
      "invalid_refresh_token",
    );
    expectError(
      await api.post("/v1/auth/logout_all", { refresh_token: "rt_nope" }),
      401,
      "invalid_refresh_token",
    );
  });

  it("logout_all with a rotated token is treated as reuse, not as a logout", async () => {
    const api = new Api();
    const account = await createAccount(api);
    const other = await api.post("/v1/auth/login", { email: account.email, password: account.password });
    const rotated = await api.post("/v1/auth/refresh", { refresh_token: account.refreshToken });
    expect(rotated.status).toBe(200);
    expectError(
      await api.post("/v1/auth/logout_all", { refresh_token: account.refreshToken }),
      401,
      "refresh_token_reused",
    );
    // The stolen family is gone; the user's other device is untouched.
    expectError(await api.get("/v1/users/me", rotated.body.access_token), 401, "session_revoked");
    expect((await api.get("/v1/users/me", other.body.access_token)).status).toBe(200);
  });

  it("concurrent refreshes with one token from different addresses never both succeed", async () => {
    const api = new Api();
    const account = await createAccount(api);
    // Different addresses: a stolen token racing its owner, not one client repeating itself.
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        new Api().post("/v1/auth/refresh", { refresh_token: account.refreshToken }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeLessThanOrEqual(1);
    expect(results.some((r) => r.body?.error?.code === "refresh_token_reused")).toBe(true);
    // Reuse revoked the family, including whatever token the winner got.
    for (const r of ok)
      expectError(await api.get("/v1/users/me", r.body.access_token), 401, "session_revoked");
  });

  it("access tokens must be well-formed Bearer JWTs", async () => {
    const api = new Api();
    expectError(await api.get("/v1/users/me"), 401, "unauthorized");
    expectError(await api.get("/v1/users/me", "not-a-jwt"), 401, "invalid_token");
    const basic = await api.request("GET", "/v1/users/me", { headers: { authorization: "Basic abc" } });
    expectError(basic, 401, "invalid_token");
    const account = await createAccount(api);
    const [h, p] = account.accessToken.split(".");
    expectError(await api.get("/v1/users/me", `${h}.${p}.forged-signature`), 401, "invalid_token");
  });
});
