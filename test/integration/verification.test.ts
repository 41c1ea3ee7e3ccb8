import { describe, expect, it } from "vitest";
import { Api, expectError, mailUrl, uniqueEmail } from "../support/api.ts";
import { sql } from "../support/db.ts";
import { type CaughtMail, waitForCode } from "../support/mail-catcher.ts";

async function register(api: Api, email = uniqueEmail("verify")) {
  const res = await api.post("/v1/auth/register", { email, password: "a long enough password" });
  expect(res.status).toBe(201);
  return { email, code: await waitForCode(mailUrl(), email) };
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

async function mailCount(email: string): Promise<number> {
  const res = await fetch(`${mailUrl()}/mails?to=${encodeURIComponent(email)}`);
  return ((await res.json()) as CaughtMail[]).length;
}

describe("e-mail verification", () => {
  it("the mail comes from MAIL_FROM over SMTP with the code in the subject", async () => {
    const api = new Api();
    const { email, code } = await register(api);
    const res = await fetch(`${mailUrl()}/mails?to=${encodeURIComponent(email)}`);
    const [mail] = (await res.json()) as CaughtMail[];
    expect(mail!.from).toBe("no-reply@stu.test");
    expect(mail!.subject).toContain(code);
  });

  it("an unverified account cannot log in", async () => {
    const api = new Api();
    const { email } = await register(api);
    expectError(
      await api.post("/v1/auth/login", { email, password: "a long enough password" }),
      403,
      "email_not_verified",
    );
    // The same answer as for a wrong e-mail when the password is wrong: nothing leaks.
    expectError(
      await api.post("/v1/auth/login", { email, password: "wrong password" }),
      401,
      "invalid_credentials",
    );
  });

  it("five wrong codes burn the code; even the right one is then refused", async () => {
    const api = new Api();
    const { email, code } = await register(api);
    for (let i = 1; i <= 4; i++) {
      const res = await api.post("/v1/auth/verify", { email, code: wrong(code) });
      expectError(res, 400, "invalid_code");
      expect(res.body.error.message).toContain(`${5 - i} ${5 - i === 1 ? "try" : "tries"} left`);
    }
    expectError(
      await api.post("/v1/auth/verify", { email, code: wrong(code) }),
      400,
      "code_attempts_exceeded",
    );
    expectError(await api.post("/v1/auth/verify", { email, code }), 400, "code_attempts_exceeded");

    // A new code works, and the old one is dead.
    const before = await mailCount(email);
    expect((await api.post("/v1/auth/resend", { email })).status).toBe(202);
    const fresh = await waitForCode(mailUrl(), email, before);
    if (fresh !== code) expectError(await api.post("/v1/auth/verify", { email, code }), 400, "invalid_code");
    expect((await api.post("/v1/auth/verify", { email, code: fresh })).status).toBe(200);
    expectError(await api.post("/v1/auth/verify", { email, code: fresh }), 409, "already_verified");
  });

  it("parallel guesses cannot exceed five tries", async () => {
    const api = new Api();
    const { email, code } = await register(api);
    const guesses = Array.from({ length: 12 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"),
    );
    const results = await Promise.all(guesses.map((g) => api.post("/v1/auth/verify", { email, code: g })));
    expect(results.every((r) => r.status === 400)).toBe(true);
    const [row] = await sql(
      `SELECT v.attempts FROM verification_codes v JOIN users u ON u.id = v.user_id
       WHERE u.email = $1 AND v.consumed_at IS NULL`,
      [email],
    );
    expect(row.attempts).toBe(5);
    expectError(await api.post("/v1/auth/verify", { email, code }), 400, "code_attempts_exceeded");
  });

  it("a code expires after 15 minutes", async () => {
    const api = new Api();
    const { email, code } = await register(api);
    const [row] = await sql(
      `SELECT EXTRACT(EPOCH FROM v.expires_at - v.created_at)::int AS ttl FROM verification_codes v JOIN users u ON u.id = v.user_id WHERE u.email = $1`,
      [email],
    );
    expect(row.ttl).toBe(15 * 60);
    await sql(
      `UPDATE verification_codes SET expires_at = now() - interval '1 second'
       WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [email],
    );
    expectError(await api.post("/v1/auth/verify", { email, code }), 400, "code_expired");
  });

  it("codes are stored only as hashes", async () => {
    const api = new Api();
    const { email, code } = await register(api);
    const rows = await sql(
      `SELECT v.code_hash FROM verification_codes v JOIN users u ON u.id = v.user_id WHERE u.email = $1`,
      [email],
    );
    expect(rows[0].code_hash).not.toContain(code);
    expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("resend answers 202 for unknown and verified e-mails without sending anything", async () => {
    const api = new Api();
    const unknown = uniqueEmail("nobody");
    expect((await api.post("/v1/auth/resend", { email: unknown })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    expect(await mailCount(unknown)).toBe(0);
  });

  it("verifying an unknown e-mail looks like a wrong code", async () => {
    expectError(
      await new Api().post("/v1/auth/verify", { email: uniqueEmail("ghost"), code: "123456" }),
      400,
      "invalid_code",
    );
  });
});
