import { describe, expect, it } from "vitest";
import { Api, createAccount, expectError, uniqueEmail } from "../support/api.ts";

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
});
