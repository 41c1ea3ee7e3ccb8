import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client.ts";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded-postgres.ts";
import { addJob } from "@/lib/jobs/add-job.ts";
import { type Account, Api, createAccount, expectError } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { freePort } from "../support/free-port.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { dialogOf, fetchMedia, png, presign, storedFilesOf, upload } from "../support/media.ts";

let postgres: EmbeddedPostgres;
let mail: MailCatcher;
let app: AppServer;
let dataDir: string;
let pgDir: string;
let db: pg.Client;
const api = () => new Api(undefined, { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` });
const files = (id: number) => storedFilesOf(dataDir, id);

beforeAll(async () => {
  mail = await startMailCatcher();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-sweep-app-"));
  // An external database (DATABASE_URL): graphile-worker installs its schema there itself. The
  // other test servers cover the embedded PostgreSQL.
  pgDir = mkdtempSync(path.join(os.tmpdir(), "stu-sweep-pg-"));
  postgres = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort() });
  app = await startAppServer({
    dataDir,
    smtpPort: mail.smtpPort,
    env: { UPLOAD_RETENTION: "1h", DATABASE_URL: postgres.url },
  });
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  // addJob (lib/jobs) queues from this test process too, through the app's own Prisma client.
  process.env.DATABASE_URL = app.databaseUrl;
  process.env.AUTH_SECRET ??= "a-test-secret-that-is-at-least-32-characters";
});

afterAll(async () => {
  await disconnectDb();
  await db?.end();
  await app?.stop();
  await postgres?.stop();
  await mail?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(pgDir, { recursive: true, force: true });
});

/** Makes uploads look untouched for two hours (the retention here is one hour). */
async function age(ids: number[]) {
  await db.query(
    `UPDATE attachments SET created_at = now() - interval '2 hours',
       upload_token_used_at = CASE WHEN upload_token_used_at IS NULL THEN NULL ELSE now() - interval '2 hours' END
     WHERE id = ANY($1::int[])`,
    [ids],
  );
}

/** Queues the sweep (lib/jobs addJob) and waits until the app's worker has run it. */
async function runSweep() {
  const id = await addJob("sweep_uploads");
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query(`SELECT last_error FROM graphile_worker.jobs WHERE id = $1`, [id]);
    if (!rows.length) return;
    if (rows[0].last_error) throw new Error(`the sweep failed: ${rows[0].last_error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the sweep job did not run within 60 s");
}

const rowOf = async (id: number) =>
  (await db.query(`SELECT status, message_id, purpose FROM attachments WHERE id = $1`, [id])).rows[0];

async function send(a: Api, who: Account, chat: number, ids: number[]) {
  return a.post(`/v1/chats/${chat}/messages`, { text: "", attachments: ids }, who.accessToken);
}

describe("the upload sweep (a graphile-worker job)", () => {
  it("removes unsent uploads older than UPLOAD_RETENTION with their bytes; sent ones, avatars and recent ones stay", async () => {
    const a = api();
    const [alice, bob] = [await createAccount(a), await createAccount(a)];
    const chat = await dialogOf(a, alice, bob);
    const group = (
      await a.post("/v1/chats", { type: "group", title: "G", members: [bob.userId] }, alice.accessToken)
    ).body.id;

    const image = await png(64, 48);
    const unsent = await upload(a, alice, image, "image/png", "unsent.png");
    const neverPut = (await presign(a, alice, { filename: "later.txt", content_type: "text/plain" })).id;
    const sent = await upload(a, alice, image, "image/png", "sent.png");
    expect((await send(a, alice, chat, [sent])).status).toBe(201);
    const avatar = await upload(a, alice, image, "image/png", "me.png");
    expect(
      (await a.request("PATCH", "/v1/users/me", { token: alice.accessToken, body: { avatar_id: avatar } }))
        .status,
    ).toBe(200);
    const groupAvatar = await upload(a, alice, image, "image/png", "group.png");
    expect(
      (
        await a.request("PATCH", `/v1/chats/${group}`, {
          token: alice.accessToken,
          body: { avatar_id: groupAvatar },
        })
      ).status,
    ).toBe(200);
    const recent = await upload(a, alice, image, "image/png", "recent.png");

    await age([unsent, neverPut, sent, avatar, groupAvatar]);
    expect(files(unsent)).toHaveLength(2); // the file and its thumbnail
    await runSweep();

    expect(await rowOf(unsent)).toBeUndefined();
    expect(await rowOf(neverPut)).toBeUndefined();
    expect(files(unsent)).toEqual([]);
    for (const kept of [sent, avatar, groupAvatar, recent]) {
      expect(await rowOf(kept)).toMatchObject({ status: "ready" });
      expect(files(kept)).toHaveLength(2);
    }
    expect((await fetchMedia(a, bob, `/v1/media/${sent}/download`)).bytes.equals(image)).toBe(true);
    expect((await fetchMedia(a, bob, `/v1/media/${avatar}/thumbnail`)).res.status).toBe(200);
    expect((await fetchMedia(a, bob, `/v1/media/${groupAvatar}/thumbnail`)).res.status).toBe(200);
    expectError(await send(a, alice, chat, [unsent]), 422, "invalid_attachment");
    expect((await send(a, alice, chat, [recent])).status).toBe(201);
  });

  it("skips an upload whose claim by a send holds its row, which then is sent normally", async () => {
    const a = api();
    const [alice, bob] = [await createAccount(a), await createAccount(a)];
    const chat = await dialogOf(a, alice, bob);
    const bytes = Buffer.from("claimed while swept");
    const id = await upload(a, alice, bytes, "text/plain", "claimed.txt");
    await age([id]);

    // What the send statement holds while it claims the upload.
    const claim = new pg.Client({ connectionString: app.databaseUrl });
    await claim.connect();
    try {
      await claim.query("BEGIN");
      await claim.query("SELECT id FROM attachments WHERE id = $1 FOR UPDATE", [id]);
      await runSweep();
      expect(await rowOf(id)).toMatchObject({ status: "ready", message_id: null });
      await claim.query("ROLLBACK");
    } finally {
      await claim.end();
    }
    expect((await send(a, alice, chat, [id])).status).toBe(201);
    expect((await fetchMedia(a, bob, `/v1/media/${id}/download`)).bytes.equals(bytes)).toBe(true);
  });

  it("a send racing the sweep's expiry of the same upload stores no message", async () => {
    const a = api();
    const [alice, bob] = [await createAccount(a), await createAccount(a)];
    const chat = await dialogOf(a, alice, bob);
    const id = await upload(a, alice, Buffer.from("about to expire"), "text/plain", "expiring.txt");

    // The sweep's first step, not yet committed, while the send comes in.
    const sweep = new pg.Client({ connectionString: app.databaseUrl });
    await sweep.connect();
    try {
      await sweep.query("BEGIN");
      await sweep.query("UPDATE attachments SET status = 'expired' WHERE id = $1", [id]);
      const sending = send(a, alice, chat, [id]);
      await new Promise((r) => setTimeout(r, 500));
      await sweep.query("COMMIT");
      const res = await sending;
      expect([409, 422]).toContain(res.status);
    } finally {
      await sweep.end();
    }
    const history = await a.get(`/v1/chats/${chat}/messages`, alice.accessToken);
    expect(history.body).toEqual([]);
    await runSweep();
    expect(await rowOf(id)).toBeUndefined();
    expect(files(id)).toEqual([]);
  });

  it("the worker stops with the server on SIGTERM, after which no job is picked up", async () => {
    await app.stop();
    expect(app.logs).toContain("[stu] jobs: stopped");
    expect(app.logs.at(-1)).toBe("[stu] stopped");
    expect(app.logs.join("\n")).not.toMatch(/took too long|forced exit/);
    const id = await addJob("sweep_uploads");
    await new Promise((r) => setTimeout(r, 1000));
    const { rows } = await db.query(`SELECT locked_at FROM graphile_worker.jobs WHERE id = $1`, [id]);
    expect(rows).toEqual([{ locked_at: null }]);
  });
});
