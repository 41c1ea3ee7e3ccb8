import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, createAccount, expectError } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { rawConnect, whenClosed } from "../support/raw-http.ts";
import { TestSocket } from "../support/socket.ts";

// A server of its own with lifetimes short enough to watch them end.
let app: AppServer;
let mail: MailCatcher;
let dataDir: string;
let api: () => Api;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-lifetime-"));
  mail = await startMailCatcher();
  app = await startAppServer({
    dataDir,
    smtpPort: mail.smtpPort,
    env: {
      ACCESS_TOKEN_TTL: "4s",
      REFRESH_REUSE_GRACE: "1s",
      HTTP_HEADERS_TIMEOUT: "2s",
      HTTP_REQUEST_TIMEOUT: "4s",
    },
  });
  const urls = { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` };
  api = () => new Api(undefined, urls);
});

afterAll(async () => {
  await app?.stop();
  await mail?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a socket lives as long as its access token, unless renewed in place", () => {
  it("closes with 4401 token_expired when the token expires", async () => {
    const alice = await createAccount(api());
    const socket = await TestSocket.connect(app.url, alice.accessToken);
    const hello = socket.all("hello")[0];
    const expiresAt = Date.parse(hello.token_expires_at);
    expect(expiresAt).toBeGreaterThan(Date.now());
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 4_000);
    const closed = await socket.closed;
    expect(closed).toMatchObject({ code: 4401, reason: "token_expired" });
    expect(closed.at).toBeGreaterThanOrEqual(expiresAt - 50);
    expect(closed.at).toBeLessThan(expiresAt + 2_000);
  });

  it("an auth frame with a fresh token of the same session keeps it open past the first expiry", async () => {
    const client = api();
    const alice = await createAccount(client);
    const bob = await createAccount(client);
    const dialog = (await client.post("/v1/dialogs", { user_id: alice.userId }, bob.accessToken)).body.id;
    const socket = await TestSocket.connect(app.url, alice.accessToken);
    const firstExpiry = Date.parse(socket.all("hello")[0].token_expires_at);
    let refresh = alice.refreshToken;
    // Renew twice, each time before the current token runs out.
    for (let round = 0; round < 2; round++) {
      await sleep(1_500);
      const pair = await client.post("/v1/auth/refresh", { refresh_token: refresh });
      expect(pair.status).toBe(200);
      refresh = pair.body.refresh_token;
      socket.send({ type: "auth", token: pair.body.access_token });
      const ok = await socket.next("auth_ok", (f) => !socket.all("auth_ok").slice(0, round).includes(f));
      expect(Date.parse(ok.token_expires_at)).toBeGreaterThan(firstExpiry);
    }
    await sleep(Math.max(0, firstExpiry - Date.now()) + 500);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    // Still a working connection: a message from bob arrives live.
    const bobNow = await client.post("/v1/auth/refresh", { refresh_token: bob.refreshToken });
    await client.post(`/v1/chats/${dialog}/messages`, { text: "still here?" }, bobNow.body.access_token);
    expect((await socket.next("new_message")).message.text).toBe("still here?");
    await socket.close();
  });

  it("an auth frame with a bad token or another session's token is refused and changes nothing", async () => {
    const client = api();
    const alice = await createAccount(client);
    const bob = await createAccount(client);
    const socket = await TestSocket.connect(app.url, alice.accessToken);
    const expiresAt = Date.parse(socket.all("hello")[0].token_expires_at);
    socket.send({ type: "auth", token: "not-a-token" });
    expect((await socket.next("error")).code).toBe("invalid_token");
    socket.frames.length = 0;
    socket.send({ type: "auth", token: bob.accessToken });
    expect((await socket.next("error")).code).toBe("invalid_token");
    socket.send({ type: "ping" });
    await socket.next("pong");
    const closed = await socket.closed;
    expect(closed).toMatchObject({ code: 4401, reason: "token_expired" });
    expect(closed.at).toBeLessThan(expiresAt + 2_000);
  });
});

describe("the refresh grace window ends", () => {
  it("a repeat after the grace (1 s here) is reuse and ends the session", async () => {
    const client = api();
    const alice = await createAccount(client);
    const first = await client.post("/v1/auth/refresh", { refresh_token: alice.refreshToken });
    expect(first.status).toBe(200);
    await sleep(1_600);
    expectError(
      await client.post("/v1/auth/refresh", { refresh_token: alice.refreshToken }),
      401,
      "refresh_token_reused",
    );
    expectError(
      await client.post("/v1/auth/refresh", { refresh_token: first.body.refresh_token }),
      401,
      "session_revoked",
    );
  });
});

describe("half-open and slow HTTP connections are closed in bounded time", () => {
  it("request headers that never finish (slowloris) are cut off by the headers timeout", async () => {
    const socket = await rawConnect(app.url);
    const started = Date.now();
    const closed = whenClosed(socket, 15_000);
    socket.write("GET /v1/ping HTTP/1.1\r\nHost: x\r\n");
    // One header byte every 300 ms keeps an idle timeout from ever firing.
    const trickle = setInterval(() => socket.writable && socket.write("X"), 300);
    const result = await closed;
    clearInterval(trickle);
    expect(result).not.toBeNull();
    expect(result!.at - started).toBeLessThan(2_000 + 3_000);
    expect(result!.data.toString()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("a request body that trickles in is cut off by the request timeout", async () => {
    const socket = await rawConnect(app.url);
    const started = Date.now();
    const closed = whenClosed(socket, 15_000);
    socket.write(
      "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
    );
    const trickle = setInterval(() => socket.writable && socket.write(" "), 300);
    const result = await closed;
    clearInterval(trickle);
    expect(result).not.toBeNull();
    expect(result!.at - started).toBeLessThan(4_000 + 3_000);
  });

  it("a connection that sends nothing is closed", async () => {
    const socket = await rawConnect(app.url);
    const started = Date.now();
    const result = await whenClosed(socket, 15_000);
    expect(result).not.toBeNull();
    expect(result!.at - started).toBeLessThan(2_000 + 3_000);
  });
});
