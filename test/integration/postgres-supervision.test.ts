import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, createAccount } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { isRunning, postmasterPid, waitUntil } from "../support/postgres-process.ts";
import { TestSocket } from "../support/socket.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True once a PostgreSQL other than the killed postmaster answers a query of the test's own. */
async function acceptsConnections(databaseUrl: string, pgDir: string, killed: number): Promise<boolean> {
  try {
    if (postmasterPid(pgDir) === killed) return false;
  } catch {
    return false; // postmaster.pid is gone while a start is under way
  }
  const db = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 1000 });
  try {
    await db.connect();
    await db.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await db.end().catch(() => {});
  }
}

// Each test runs its own app with its own embedded PostgreSQL: killing it disturbs no other test.
describe("the embedded PostgreSQL is supervised", () => {
  let mail: MailCatcher;
  const dirs: string[] = [];
  const apps: AppServer[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "stu-pg-supervision-"));
    dirs.push(dir);
    return dir;
  };
  const startApp = async (dataDir: string) => {
    const app = await startAppServer({ dataDir, smtpPort: mail.smtpPort });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    mail = await startMailCatcher();
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await mail?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("brings a SIGKILLed PostgreSQL back by itself; every ACKed message is stored exactly once", async () => {
    const dataDir = newDataDir();
    const app = await startApp(dataDir);
    const api = new Api(undefined, { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` });
    const alice = await createAccount(api);
    const bob = await createAccount(api);
    const chatId = (await api.post("/v1/dialogs", { user_id: bob.userId }, alice.accessToken)).body
      .id as number;
    const socket = await TestSocket.connect(app.url, alice.accessToken);

    const sent: string[] = [];
    const send = () => {
      const tempId = `m-${sent.length}`;
      sent.push(tempId);
      socket.send({ type: "send_message", temp_id: tempId, conversation_id: chatId, text: tempId });
    };
    const answered = (tempId: string) =>
      socket.frames.some((f) => (f.type === "message_sent" || f.type === "error") && f.temp_id === tempId);

    for (let i = 0; i < 10; i++) {
      send();
      await sleep(50);
    }
    const pgDir = path.join(dataDir, "pg");
    const killed = postmasterPid(pgDir);
    process.kill(killed, "SIGKILL");

    // Keep streaming until a send made after the restarted PostgreSQL took a connection of its own is
    // acknowledged. Neither an error frame nor an early ACK proves the new server is up: backends
    // outlive a SIGKILLed postmaster for a moment, and a restarted one first replays its WAL.
    const deadline = Date.now() + 45_000;
    let firstAfterRestart = Number.POSITIVE_INFINITY;
    let back = false;
    while (!back && Date.now() < deadline) {
      send();
      await sleep(100);
      if (
        firstAfterRestart === Number.POSITIVE_INFINITY &&
        (await acceptsConnections(app.databaseUrl, pgDir, killed))
      ) {
        firstAfterRestart = sent.length;
      }
      back = socket.all("message_sent").some((f) => Number(f.temp_id.slice(2)) >= firstAfterRestart);
    }
    expect(back, `no ACK after the restart; server log:\n${app.logs.slice(-10).join("\n")}`).toBe(true);
    for (let i = 0; i < 10; i++) {
      send();
      await sleep(50);
    }
    // Every send gets an answer: an ACK, or an error frame when it failed during the outage.
    expect(await waitUntil(() => sent.every(answered), 20_000)).toBe(true);
    const errors = socket.all("error");
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.code).toBe("service_unavailable");

    const acked = new Map<string, number>(socket.all("message_sent").map((f) => [f.temp_id, f.message.id]));
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: number; temp_id: string }>(
        "SELECT id, temp_id FROM messages WHERE chat_id = $1",
        [chatId],
      );
      for (const [tempId, id] of acked) {
        expect(rows.filter((r) => r.temp_id === tempId).map((r) => r.id)).toEqual([id]);
      }
    } finally {
      await db.end();
    }

    expect(postmasterPid(pgDir)).not.toBe(killed);
    expect(
      app.logs.some((l) => l.includes(`PostgreSQL (pid ${killed}) was killed by SIGKILL; restarting`)),
    ).toBe(true);
    expect((await api.get("/v1/health")).status).toBe(200);
    await socket.close();
  }, 90_000);

  it("gives up with a clear line when PostgreSQL cannot be started again, and exits", async () => {
    const dataDir = newDataDir();
    const app = await startApp(dataDir);
    const pgDir = path.join(dataDir, "pg");
    // Without PG_VERSION the directory is no PostgreSQL cluster any more: every restart fails.
    rmSync(path.join(pgDir, "PG_VERSION"));
    process.kill(postmasterPid(pgDir), "SIGKILL");
    const ended = await Promise.race([app.exited, sleep(60_000).then(() => null)]);
    expect(ended, `still running; server log:\n${app.logs.slice(-10).join("\n")}`).toEqual({
      code: 1,
      signal: null,
    });
    expect(app.logs.filter((l) => l.includes("PostgreSQL did not start again")).length).toBeGreaterThan(1);
    expect(app.logs.some((l) => l.includes("giving up after"))).toBe(true);
    expect(app.logs.some((l) => l.includes("embedded PostgreSQL keeps failing"))).toBe(true);
  }, 90_000);

  it("a SIGKILLed app takes its PostgreSQL with it, and starts again on the same data", async () => {
    const dataDir = newDataDir();
    const app = await startApp(dataDir);
    const pgDir = path.join(dataDir, "pg");
    const postgres = postmasterPid(pgDir);
    expect(isRunning(postgres)).toBe(true);
    process.kill(app.pid, "SIGKILL");
    try {
      expect(await waitUntil(() => !isRunning(postgres), 10_000)).toBe(true);
    } finally {
      // Without the fix it is still running: stop the PostgreSQL this test started.
      if (isRunning(postgres)) process.kill(postgres, "SIGKILL");
    }
    const again = await startApp(dataDir);
    expect((await fetch(`${again.url}/v1/health`)).status).toBe(200);
  }, 90_000);
});
