import { describe, expect, it } from "vitest";
import { Api, baseUrl, createAccount, expectError, uniqueEmail, uniqueUsername } from "../support/api.ts";

describe("bad input gets a clear error, never a 500", () => {
  const api = new Api();

  it("malformed JSON is 400 malformed_json on every JSON endpoint", async () => {
    for (const path of [
      "/v1/auth/register",
      "/v1/auth/login",
      "/v1/auth/verify",
      "/v1/auth/refresh",
      "/v1/auth/resend",
    ]) {
      const res = await api.request("POST", path, {
        raw: '{"email": "x',
        headers: { "content-type": "application/json" },
      });
      expectError(res, 400, "malformed_json");
    }
  });

  it("missing fields are 422 with a detail per field", async () => {
    const res = await api.post("/v1/auth/register", {});
    expectError(res, 422, "validation_failed");
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: "email", message: "is required" },
        { field: "password", message: "is required" },
      ]),
    );
    expectError(await api.request("POST", "/v1/auth/login"), 422, "validation_failed");
  });

  it("wrong types and bad values are 422", async () => {
    const cases: Array<[string, unknown]> = [
      ["/v1/auth/register", { email: 42, password: "a long enough password" }],
      ["/v1/auth/register", { email: "not-an-email", password: "a long enough password" }],
      ["/v1/auth/register", { email: uniqueEmail(), password: "short" }],
      ["/v1/auth/register", { email: uniqueEmail(), password: "x".repeat(129) }],
      ["/v1/auth/register", { email: uniqueEmail(), password: "a long enough password", username: "1abc" }],
      [
        "/v1/auth/register",
        { email: uniqueEmail(), password: "a long enough password", username: "no spaces" },
      ],
      ["/v1/auth/register", [1, 2, 3]],
      ["/v1/auth/register", "a string"],
      ["/v1/auth/verify", { email: uniqueEmail(), code: "12345" }],
      ["/v1/auth/verify", { email: uniqueEmail(), code: 123456 }],
      ["/v1/auth/login", { email: uniqueEmail(), password: ["x"] }],
      ["/v1/auth/refresh", { refresh_token: null }],
    ];
    for (const [path, body] of cases) {
      const res = await api.post(path, body);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 422, "validation_failed"]);
    }
  });

  it("bodies over 64 KiB are 413, whether declared or streamed", async () => {
    const big = JSON.stringify({ email: uniqueEmail(), password: "x".repeat(70_000) });
    expectError(
      await api.request("POST", "/v1/auth/register", {
        raw: big,
        headers: { "content-type": "application/json" },
      }),
      413,
      "payload_too_large",
    );

    // No Content-Length: the limit holds while streaming.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("x".repeat(4096)));
        controller.close();
      },
    });
    const res = await fetch(`${baseUrl()}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": api.ip },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });

  it("duplicate e-mail and username are 409, case-insensitively", async () => {
    const account = await createAccount(new Api());
    expectError(
      await api.post("/v1/auth/register", {
        email: account.email.toUpperCase(),
        password: "a long enough password",
      }),
      409,
      "email_taken",
    );
    expectError(
      await api.post("/v1/auth/register", {
        email: uniqueEmail(),
        password: "a long enough password",
        username: account.username.toUpperCase(),
      }),
      409,
      "username_taken",
    );
  });

  it("an unverified sign-up holds its e-mail", async () => {
    const email = uniqueEmail("hold");
    expect((await api.post("/v1/auth/register", { email, password: "a long enough password" })).status).toBe(
      201,
    );
    expectError(
      await api.post("/v1/auth/register", { email, password: "another password" }),
      409,
      "email_taken",
    );
  });

  it("unknown API paths are JSON 404s", async () => {
    expectError(await api.get("/v1/does/not/exist"), 404, "not_found");
    expectError(await api.post("/v1/nope", {}), 404, "not_found");
  });

  it("usernames are normalised to lower case", async () => {
    const name = uniqueUsername("Mixed");
    const res = await api.post("/v1/auth/register", {
      email: uniqueEmail(),
      password: "a long enough password",
      username: name,
    });
    expect(res.status).toBe(201);
    expect(res.body.username).toBe(name.toLowerCase());
  });
});
