import { describe, expect, it } from "vitest";
import { Api, baseUrl, createAccount } from "../support/api.ts";

const call = (path: string, init: RequestInit = {}) => fetch(`${baseUrl()}${path}`, init);

describe("API requests answered by server/api-dispatch.ts (production)", () => {
  it("HEAD is GET without a body; OPTIONS lists the methods", async () => {
    const head = await call("/v1/ping", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toContain("application/json");
    expect(await head.text()).toBe("");
    const options = await call("/v1/chats", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
  });

  it("a method a route does not have: 405 in the error shape, with Allow", async () => {
    const res = await call("/v1/ping", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await res.json()).toEqual({
      error: { code: "method_not_allowed", message: "Use GET, HEAD, OPTIONS." },
    });
  });

  it("unprefixed paths, params, query strings and bodies reach the same handlers", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const auth = { authorization: `Bearer ${alice.accessToken}`, "content-type": "application/json" };
    const created = await call("/chats", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ type: "group", title: "Dispatch", members: [] }),
    });
    expect(created.status).toBe(201);
    const chat = (await created.json()).id as number;
    for (const text of ["one", "two", "three"]) {
      const sent = await call(`/v1/chats/${chat}/messages`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ text }),
      });
      expect(sent.status).toBe(201);
    }
    const page = await call(`/chats/${chat}/messages?limit=2`, { headers: auth });
    expect(page.status).toBe(200);
    expect(Number(page.headers.get("content-length"))).toBeGreaterThan(0);
    expect(((await page.json()) as { text: string }[]).map((m) => m.text)).toEqual(["three", "two"]);
    const bad = await call(`/v1/chats/${chat}/messages?limit=0`, { headers: auth });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBeDefined();
  });

  it("unknown API paths get the JSON 404; a trailing slash is redirected as Next does", async () => {
    const missing = await call("/v1/no/such/endpoint");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
    const slash = await call("/v1/ping/", { redirect: "manual" });
    expect(slash.status).toBe(308);
    expect(slash.headers.get("location")).toBe("/v1/ping");
  });

  it("a path with a broken % escape is a 400 in the error shape, for the API and pages alike", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const auth = { authorization: `Bearer ${alice.accessToken}` };
    for (const [method, path] of [
      ["GET", "/v1/chats/%"],
      ["GET", "/chats/%zz/messages"],
      ["PUT", "/v1/chats/1/messages/1/reactions/%"],
      ["GET", "/v1/users/%E0%A4%A"], // a cut UTF-8 sequence
      ["POST", "/v1/chats/%/messages"],
      ["GET", "/chats/100%"], // the web app's page path
    ] as const) {
      const res = await call(path, {
        method,
        headers: auth,
        body: method === "POST" ? JSON.stringify({ text: "x" }) : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect((await res.json()).error.code).toBe("malformed_url");
    }
    // An escaped % is an ordinary character: here, no emoji.
    const escaped = await call("/v1/chats/1/messages/1/reactions/%25", { method: "PUT", headers: auth });
    expect(escaped.status).not.toBe(400);
    expect(escaped.status).toBeLessThan(500);
  });

  it("pages and scripts are still compressed; API answers are not", async () => {
    const page = await call("/signin", { headers: { "accept-encoding": "gzip" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-encoding")).toBe("gzip");
    const api = await call("/v1/ping", { headers: { "accept-encoding": "gzip" } });
    expect(api.headers.get("content-encoding")).toBeNull();
  });
});
