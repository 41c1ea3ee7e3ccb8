import { describe, expect, it } from "vitest";
import { Api, createAccount, expectError } from "../support/api.ts";

describe("sessions", () => {
  it("lists live devices with the current one marked, and revokes one", async () => {
    const api = new Api();
    const account = await createAccount(api);
    const phone = await api.post("/v1/auth/login", {
      email: account.email,
      password: account.password,
      device_name: "Phone",
      platform: "android",
    });

    const list = await api.get("/v1/auth/sessions", account.accessToken);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    const current = list.body.find((s: any) => s.current);
    expect(current).toMatchObject({ device_id: account.deviceId, device_name: "test" });
    expect(list.body.find((s: any) => !s.current)).toMatchObject({
      device_id: phone.body.device_id,
      device_name: "Phone",
      platform: "android",
      ip: api.ip,
    });

    const del = await api.request("DELETE", `/v1/auth/sessions/${phone.body.device_id}`, {
      token: account.accessToken,
    });
    expect(del.status).toBe(204);
    expectError(await api.get("/v1/users/me", phone.body.access_token), 401, "session_revoked");
    expectError(
      await api.post("/v1/auth/refresh", { refresh_token: phone.body.refresh_token }),
      401,
      "session_revoked",
    );
    expect((await api.get("/v1/auth/sessions", account.accessToken)).body).toHaveLength(1);
  });

  it("another user's device or a revoked one is 404", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const bob = await createAccount(api);
    expectError(
      await api.request("DELETE", `/v1/auth/sessions/${bob.deviceId}`, { token: alice.accessToken }),
      404,
      "not_found",
    );
    expectError(
      await api.request("DELETE", "/v1/auth/sessions/99999999", { token: alice.accessToken }),
      404,
      "not_found",
    );
    expectError(
      await api.request("DELETE", "/v1/auth/sessions/abc", { token: alice.accessToken }),
      422,
      "validation_failed",
    );
    expect((await api.get("/v1/users/me", bob.accessToken)).status).toBe(200);
  });

  it("refresh tokens are stored only as hashes", async () => {
    const { sql } = await import("../support/db.ts");
    const account = await createAccount(new Api());
    const rows = await sql("SELECT token_hash FROM refresh_tokens WHERE device_id = $1", [account.deviceId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(account.refreshToken.slice(3));
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("users", () => {
  it("GET and PATCH /v1/users/me", async () => {
    const api = new Api();
    const account = await createAccount(api);
    const newName = `renamed_${account.username.slice(-6)}`;
    const patched = await api.request("PATCH", "/v1/users/me", {
      token: account.accessToken,
      body: {
        username: newName.toUpperCase(),
        display_name: "  Renamed  ",
        avatar_url: "https://example.org/a.png",
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      username: newName,
      display_name: "Renamed",
      avatar_url: "https://example.org/a.png",
      email: account.email,
    });
    expect((await api.get("/v1/users/me", account.accessToken)).body.username).toBe(newName);

    const other = await createAccount(api);
    expectError(
      await api.request("PATCH", "/v1/users/me", { token: other.accessToken, body: { username: newName } }),
      409,
      "username_taken",
    );
    expectError(
      await api.request("PATCH", "/v1/users/me", { token: other.accessToken, body: { display_name: "" } }),
      422,
      "validation_failed",
    );
    expectError(
      await api.request("PATCH", "/v1/users/me", {
        token: other.accessToken,
        body: { avatar_url: "javascript:alert(1)" },
      }),
      422,
      "validation_failed",
    );
    expectError(
      await api.request("PATCH", "/v1/users/me", { token: other.accessToken, body: { email: "x@y.z" } }),
      422,
      "validation_failed",
    );
  });

  it("public profiles carry no e-mail; unknown users are 404", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const bob = await createAccount(api);
    const res = await api.get(`/v1/users/${bob.userId}`, alice.accessToken);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([
      "avatar_url",
      "blocked",
      "deleted",
      "display_name",
      "id",
      "last_seen_at",
      "online",
      "username",
    ]);
    expect(res.body).toMatchObject({
      id: bob.userId,
      username: bob.username,
      online: false,
      blocked: false,
      deleted: false,
    });
    expectError(await api.get("/v1/users/99999999", alice.accessToken), 404, "not_found");
    expectError(await api.get("/v1/users/abc", alice.accessToken), 422, "validation_failed");
  });

  it("search finds verified people by username prefix, name or exact e-mail, never the caller", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const bob = await createAccount(api);
    const byName = await api.get(`/v1/users?query=${bob.username.slice(0, 10)}`, alice.accessToken);
    expect(byName.status).toBe(200);
    expect(byName.body.map((u: any) => u.id)).toContain(bob.userId);
    const byEmail = await api.get(`/v1/users?query=${encodeURIComponent(bob.email)}`, alice.accessToken);
    expect(byEmail.body.map((u: any) => u.id)).toEqual([bob.userId]);
    expect(byEmail.body[0].email).toBeUndefined();
    const self = await api.get(`/v1/users?query=${alice.username}`, alice.accessToken);
    expect(self.body.map((u: any) => u.id)).not.toContain(alice.userId);
    expectError(await api.get("/v1/users?query=", alice.accessToken), 422, "validation_failed");
    expectError(await api.get("/v1/users?query=x"), 401, "unauthorized");
  });
});

describe("api-contract.md paths without /v1, ping and health", () => {
  it("aliases answer like the canonical paths", async () => {
    const api = new Api();
    const account = await createAccount(api);
    const login = await api.post("/auth/login", { email: account.email, password: account.password });
    expect(login.status).toBe(200);
    expect((await api.get("/users/me", login.body.access_token)).body.id).toBe(account.userId);
    expect((await api.get(`/users/${account.userId}`, login.body.access_token)).status).toBe(200);
    const refreshed = await api.post("/auth/refresh", { refresh_token: login.body.refresh_token });
    expect(refreshed.body.access_token).toBeTruthy();
  });

  it("ping and health", async () => {
    const api = new Api();
    const ping = await api.get("/v1/ping");
    expect(ping.body.pong).toBe(true);
    expect(Date.parse(ping.body.time)).not.toBeNaN();
    const health = await api.get("/v1/health");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: "ok",
      database: { status: "ok" },
      pubsub: { status: "ok", driver: "memory" },
    });
  });

  it("the dev mailbox does not exist in production", async () => {
    expect((await new Api().get("/dev/mailbox")).status).toBe(404);
  });
});
