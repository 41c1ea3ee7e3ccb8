import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded-postgres.ts";
import { type Account, Api, createAccount } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { freePort } from "../support/free-port.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { pausePostgres, waitUntil } from "../support/postgres-process.ts";
import { TestSocket } from "../support/socket.ts";

// Generous against the timeouts configured below (2 s connect, 3 s query): a hang never answers.
const BOUND_MS = 15_000;

/** A request that must answer within BOUND_MS; it rejects instead of hanging the test. */
async function timedRequest(api: Api, urlPath: string, token?: string) {
  const started = Date.now();
  const res = await fetch(`${api.baseUrl}${urlPath}`, {
    headers: { "x-forwarded-for": api.ip, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    signal: AbortSignal.timeout(BOUND_MS),
  });
  return { status: res.status, headers: res.headers, body: await res.json(), ms: Date.now() - started };
}

function expectUnavailable(res: Awaited<ReturnType<typeof timedRequest>>): void {
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
}

// The app talks to a PostgreSQL this test owns (DATABASE_URL), so the test can stop and pause it
// without any supervisor bringing it back behind its back, and without disturbing other tests.
describe("a database outage is reported as one, not as a bad token or a hang", () => {
  let mail: MailCatcher;
  let dataDir: string;
  let pgPort: number;
  let postgres: EmbeddedPostgres | undefined;
  let app: AppServer;
  let api: Api;
  let alice: Account;
  let chatId: number;

  const startPostgres = async () => {
    postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
  };

  beforeAll(async () => {
    mail = await startMailCatcher();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-db-outage-"));
    pgPort = await freePort();
    await startPostgres();
    app = await startAppServer({
      dataDir,
      smtpPort: mail.smtpPort,
      env: { DATABASE_URL: postgres!.url, DATABASE_CONNECT_TIMEOUT: "2s", DATABASE_QUERY_TIMEOUT: "3s" },
    });
    api = new Api(undefined, { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` });
    alice = await createAccount(api);
    const bob = await createAccount(api);
    chatId = (await api.post("/v1/dialogs", { user_id: bob.userId }, alice.accessToken)).body.id;
  });

  afterAll(async () => {
    await app?.stop();
    await postgres?.stop();
    await mail?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The same checks for a stopped and for a hung database. */
  async function expectOutageHandled(existing: TestSocket, tempId: string): Promise<void> {
    expectUnavailable(await timedRequest(api, "/v1/health"));
    const me = await timedRequest(api, "/v1/users/me", alice.accessToken);
    expectUnavailable(me);
    expect(me.body.error.code).toBe("service_unavailable");

    // A good token must not be thrown away because it could not be checked.
    const refused = new TestSocket(app.url, alice.accessToken);
    const closed = await Promise.race([refused.closed, new Promise((r) => setTimeout(r, BOUND_MS))]);
    expect(closed).toMatchObject({ code: 1013 });

    existing.send({ type: "send_message", temp_id: tempId, conversation_id: chatId, text: tempId });
    const error = await existing.next("error", (f) => f.temp_id === tempId, BOUND_MS);
    expect(error.code).toBe("service_unavailable");
  }

  async function expectRecovered(existing: TestSocket, tempId: string): Promise<void> {
    expect(await waitUntil(async () => (await timedRequest(api, "/v1/health")).status === 200, 30_000)).toBe(
      true,
    );
    expect((await timedRequest(api, "/v1/users/me", alice.accessToken)).status).toBe(200);
    const fresh = await TestSocket.connect(app.url, alice.accessToken);
    await fresh.close();
    // The send that failed, retried with the same temp_id, is stored once.
    existing.send({ type: "send_message", temp_id: tempId, conversation_id: chatId, text: tempId });
    const ack = await existing.next("message_sent", (f) => f.temp_id === tempId, BOUND_MS);
    const history = await api.get(`/v1/chats/${chatId}/messages?limit=100`, alice.accessToken);
    expect(
      history.body.filter((m: { temp_id: string }) => m.temp_id === tempId).map((m: any) => m.id),
    ).toEqual([ack.message.id]);
  }

  it("PostgreSQL stopped: 503 with Retry-After, sockets closed 1013 (4401 only for a bad token)", async () => {
    const existing = await TestSocket.connect(app.url, alice.accessToken);
    await postgres!.stop();
    postgres = undefined;
    try {
      await expectOutageHandled(existing, "while-stopped");
      const bad = new TestSocket(app.url, `${alice.accessToken.slice(0, -4)}AAAA`);
      expect((await bad.closed).code).toBe(4401);
      const login = await api.post("/v1/auth/login", { email: alice.email, password: alice.password });
      expect(login.status).toBe(503);
    } finally {
      await startPostgres();
    }
    await expectRecovered(existing, "while-stopped");
    await existing.close();
  }, 60_000);

  it("PostgreSQL hung (SIGSTOP): health, REST and the socket answer in bounded time; all works after SIGCONT", async () => {
    const existing = await TestSocket.connect(app.url, alice.accessToken);
    const resume = pausePostgres(path.join(dataDir, "pg"));
    try {
      await expectOutageHandled(existing, "while-hung");
    } finally {
      resume();
    }
    await expectRecovered(existing, "while-hung");
    await existing.close();
  }, 60_000);
});
