import { describe, expect, it } from "vitest";
import { Api, baseUrl, createAccount, expectError } from "../support/api.ts";

/** A minimal cookie jar for next-auth's form-based Credentials flow. */
class Browser {
  cookies = new Map<string, string>();
  ip = new Api().ip;

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
    const res = await fetch(`${baseUrl()}${path}`, {
      ...init,
      redirect: "manual",
      headers: { cookie: this.cookieHeader(), "x-forwarded-for": this.ip, ...init.headers },
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(";");
      const [name, ...value] = pair!.split("=");
      this.cookies.set(name!.trim(), value.join("="));
    }
    return res;
  }

  async signIn(fields: Record<string, string>) {
    const { csrfToken } = await (await this.fetch("/api/auth/csrf")).json();
    return this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, csrfToken, json: "true" }).toString(),
    });
  }

  get sessionCookie() {
    return [...this.cookies.keys()].find((k) => k.endsWith("next-auth.session-token"));
  }
}

describe("web sign-in (next-auth cookie session)", () => {
  it("a browser session is a device: it authenticates the API, mints socket tokens, and signs out", async () => {
    const account = await createAccount(new Api());
    const browser = new Browser();
    await browser.signIn({ email: account.email, password: account.password });
    expect(browser.sessionCookie).toBeTruthy();

    const me = await browser.fetch("/v1/users/me");
    expect(me.status).toBe(200);
    expect((await me.json()).id).toBe(account.userId);

    const token = await (await browser.fetch("/v1/auth/token")).json();
    expect(token.user_id).toBe(account.userId);
    const viaBearer = await new Api().get("/v1/auth/sessions", token.access_token);
    expect(viaBearer.body.find((s: any) => s.current)).toMatchObject({
      platform: "web",
      device_name: "Web browser",
    });

    // Cookie-authenticated writes need our own Origin.
    const patch = (origin?: string) =>
      browser.fetch("/v1/users/me", {
        method: "PATCH",
        headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
        body: JSON.stringify({ display_name: "From the web" }),
      });
    expect((await patch()).status).toBe(403);
    expect((await (await patch("https://evil.example")).json()).error.code).toBe("csrf_rejected");
    expect((await patch(baseUrl())).status).toBe(200);

    const { csrfToken } = await (await browser.fetch("/api/auth/csrf")).json();
    await browser.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
    });
    expectError(await new Api().get("/v1/users/me", token.access_token), 401, "session_revoked");
  });

  it("a wrong password or an unverified account yields the domain error, and no session", async () => {
    const account = await createAccount(new Api());
    const browser = new Browser();
    const res = await browser.signIn({ email: account.email, password: "not the password" });
    const body = await res.json();
    const error = JSON.parse(decodeURIComponent(new URL(body.url).searchParams.get("error")!));
    expect(error).toEqual({ code: "invalid_credentials", message: "Wrong e-mail or password." });
    expect(browser.sessionCookie).toBeUndefined();
    expect((await browser.fetch("/v1/users/me")).status).toBe(401);
  });
});
