import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Api, baseUrl, createAccount } from "../support/api.ts";
import { TestSocket } from "../support/socket.ts";

function open(query: string, headers: Record<string, string> = {}) {
  const token = query.startsWith("?token=") ? decodeURIComponent(query.slice(7)) : null;
  return new TestSocket(baseUrl(), token, headers);
}

describe("WebSocket /ws authentication", () => {
  it("refuses a missing or bad token with 4401", async () => {
    expect((await new TestSocket(baseUrl(), null).closed).code).toBe(4401);
    expect((await open("?token=garbage").closed).code).toBe(4401);
  });

  it("refuses a foreign origin with 4403 even with a valid token", async () => {
    const account = await createAccount(new Api());
    const socket = open(`?token=${account.accessToken}`, { origin: "https://evil.example" });
    expect((await socket.closed).code).toBe(4403);
  });

  it("accepts a valid token from the app's origin and greets", async () => {
    const account = await createAccount(new Api());
    const socket = open(`?token=${account.accessToken}`, { origin: baseUrl() });
    const hello = await socket.next("hello");
    expect(hello).toMatchObject({ user_id: account.userId, device_id: account.deviceId });
    await socket.close();
  });

  it("answers a bad frame with an error frame and stays open", async () => {
    const account = await createAccount(new Api());
    const socket = open(`?token=${account.accessToken}`);
    await socket.next("hello");
    socket.ws.send("{not json");
    expect(await socket.next("error")).toMatchObject({ code: "malformed_frame" });
    socket.ws.send(JSON.stringify({ type: "ping" }));
    expect((await socket.next("pong")).time).toBeTruthy();
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    socket.ws.close();
  });

  it("closes an oversized frame's connection with 1009", async () => {
    const account = await createAccount(new Api());
    const socket = open(`?token=${account.accessToken}`);
    await socket.next("hello");
    socket.ws.send(JSON.stringify({ type: "ping", pad: "x".repeat(70_000) }));
    expect((await socket.closed).code).toBe(1009);
  });

  it("logout closes the session's sockets within a second; other devices stay", async () => {
    const api = new Api();
    const account = await createAccount(api);
    const other = await api.post("/v1/auth/login", { email: account.email, password: account.password });
    const mine = open(`?token=${account.accessToken}`);
    const theirs = open(`?token=${other.body.access_token}`);
    await Promise.all([mine.next("hello"), theirs.next("hello")]);

    const started = Date.now();
    expect((await api.post("/v1/auth/logout", { refresh_token: account.refreshToken })).status).toBe(204);
    const closed = await mine.closed;
    expect(closed.code).toBe(4401);
    expect(closed.at - started).toBeLessThan(1000);
    expect(theirs.ws.readyState).toBe(WebSocket.OPEN);

    // A revoked session's token cannot open a new socket either.
    expect((await open(`?token=${account.accessToken}`).closed).code).toBe(4401);
    theirs.ws.close();
  });

  it("marks the user online while a socket is open", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const bob = await createAccount(api);
    const socket = open(`?token=${bob.accessToken}`);
    await socket.next("hello");
    expect((await api.get(`/v1/users/${bob.userId}`, alice.accessToken)).body.online).toBe(true);
    socket.ws.close();
    await socket.closed;
    await new Promise((r) => setTimeout(r, 100));
    expect((await api.get(`/v1/users/${bob.userId}`, alice.accessToken)).body.online).toBe(false);
  });
});
