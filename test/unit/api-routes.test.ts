import path from "node:path";
import { describe, expect, it } from "vitest";
import { findApiRoutes, matchApiRoute } from "../../server/api-routes.ts";

const routes = findApiRoutes(path.resolve(import.meta.dirname, "../../app"), "v1");
const match = (p: string) => {
  const m = matchApiRoute(routes, p);
  return m && { pattern: m.route.pattern, params: m.params };
};

describe("the API's route table (server/api-routes.ts), as Next resolves app/v1", () => {
  it("finds every route file", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => r.pattern)).toContain("/v1/chats/[id]/messages/[mid]/read");
  });

  it("prefers static segments to [param], and [param] to [...rest]", () => {
    expect(match("/v1/users/me")).toEqual({ pattern: "/v1/users/me", params: {} });
    expect(match("/v1/users/42")).toEqual({ pattern: "/v1/users/[id]", params: { id: "42" } });
    expect(match("/v1/calls/active")?.pattern).toBe("/v1/calls/active");
    expect(match("/v1/calls/abc")).toEqual({ pattern: "/v1/calls/[id]", params: { id: "abc" } });
    expect(match("/v1/users/me/warnings/7/ack")).toEqual({
      pattern: "/v1/users/me/warnings/[id]/ack",
      params: { id: "7" },
    });
  });

  it("decodes params and sends unknown paths to the catch-all", () => {
    expect(match("/v1/chats/1/messages/2/delivered")).toEqual({
      pattern: "/v1/chats/[id]/messages/[mid]/delivered",
      params: { id: "1", mid: "2" },
    });
    expect(match("/v1/users/a%20b")?.params).toEqual({ id: "a b" });
    expect(match("/v1/no/such/thing")).toEqual({
      pattern: "/v1/[...path]",
      params: { path: ["no", "such", "thing"] },
    });
    expect(match("/v1/chats/1/messages/2/read/extra")?.pattern).toBe("/v1/[...path]");
  });

  it("leaves to Next what Next would redirect or refuse: trailing slashes, empty segments, bad escapes", () => {
    expect(match("/v1/ping/")).toBeUndefined();
    expect(match("/v1//ping")).toBeUndefined();
    expect(match("/v1/users/%E0%A4%A")).toBeUndefined();
  });
});
