import { describe, expect, it } from "vitest";
import { Api, createAccount, expectError } from "../support/api.ts";

describe("two refreshes racing with one token do not sign the user out", () => {
  it("concurrent refreshes of the same token from one client get the same new pair", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => api.post("/v1/auth/refresh", { refresh_token: alice.refreshToken })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const [first] = answers;
    for (const a of answers) {
      expect(a.body.refresh_token).toBe(first!.body.refresh_token);
      expect(a.body.access_token).toBe(first!.body.access_token);
    }
    expect((await api.get("/v1/users/me", first!.body.access_token)).status).toBe(200);
    // The family goes on: the new token rotates normally.
    const next = await api.post("/v1/auth/refresh", { refresh_token: first!.body.refresh_token });
    expect(next.status).toBe(200);
    expect((await api.get("/v1/users/me", next.body.access_token)).status).toBe(200);
  });

  it("a repeat a moment later answers the same pair", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const first = await api.post("/v1/auth/refresh", { refresh_token: alice.refreshToken });
    const again = await api.post("/v1/auth/refresh", { refresh_token: alice.refreshToken });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      refresh_token: first.body.refresh_token,
      access_token: first.body.access_token,
    });
    expect(again.body.expires_in).toBeLessThanOrEqual(first.body.expires_in);
  });

  it("reuse detection still holds: from another address, or after the new token was used", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const first = await api.post("/v1/auth/refresh", { refresh_token: alice.refreshToken });
    expectError(
      await new Api().post("/v1/auth/refresh", { refresh_token: alice.refreshToken }),
      401,
      "refresh_token_reused",
    );
    expectError(await api.get("/v1/users/me", first.body.access_token), 401, "session_revoked");

    const bob = await createAccount(api);
    const b1 = await api.post("/v1/auth/refresh", { refresh_token: bob.refreshToken });
    const b2 = await api.post("/v1/auth/refresh", { refresh_token: b1.body.refresh_token });
    expect(b2.status).toBe(200);
    expectError(
      await api.post("/v1/auth/refresh", { refresh_token: bob.refreshToken }),
      401,
      "refresh_token_reused",
    );
    expectError(await api.get("/v1/users/me", b2.body.access_token), 401, "session_revoked");
  });
});
