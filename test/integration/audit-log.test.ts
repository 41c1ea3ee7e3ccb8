import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import canonicalize from "canonicalize";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, Api, createAccount, expectError } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";

const ADMIN = "only-admin@admins.test";

// Its own server: the test breaks the chain on purpose, and counts the admins.
describe("the audit log", () => {
  let mail: MailCatcher;
  let app: AppServer;
  let dataDir: string;
  let api: Api;
  let admin: Account;

  const query = async (text: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: app.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    mail = await startMailCatcher();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-audit-"));
    app = await startAppServer({ dataDir, smtpPort: mail.smtpPort, env: { ADMIN_EMAILS: ADMIN } });
    api = new Api(undefined, { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` });
    admin = await createAccount(api, { email: ADMIN });
  });
  afterAll(async () => {
    await app?.stop();
    await mail?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("chains every action, verifies, and refuses the last admin's revocation", async () => {
    const empty = await api.get("/v1/admin/audit/verify", admin.accessToken);
    expect(empty.body).toEqual({ ok: true, entries: 0, head_hash: null, first_bad_id: null });

    const [bob, carol] = [await createAccount(api), await createAccount(api)];
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "revoke_admin", user_id: admin.userId, reason: "x" },
        admin.accessToken,
      ),
      409,
      "last_admin",
    );
    const written = [];
    for (const body of [
      { action: "warn_user", user_id: bob.userId, reason: "first warning" },
      { action: "grant_admin", user_id: carol.userId, reason: "a second admin" },
      { action: "ban_user", user_id: bob.userId, reason: "second offence", delete_messages: false },
      { action: "revoke_admin", user_id: carol.userId, reason: "back to one" },
    ]) {
      const res = await api.post("/v1/admin/actions", body, admin.accessToken);
      expect(res.status).toBe(201);
      written.push(res.body);
    }
    expect(written[0].prev_hash).toBe("0".repeat(64));
    for (let i = 1; i < written.length; i++) expect(written[i].prev_hash).toBe(written[i - 1].hash);
    // The documented formula, recomputed from what the API answers.
    for (const w of written) {
      const content = canonicalize({
        id: w.id,
        at: w.at,
        actor_id: w.actor?.id ?? null,
        actor_kind: w.actor_kind,
        action: w.action,
        target_user_id: w.target_user?.id ?? null,
        message_id: w.message_id,
        report_id: w.report_id,
        reason: w.reason,
        details: w.details,
      });
      expect(createHash("sha256").update(`${w.prev_hash}\n${content}`).digest("hex")).toBe(w.hash);
    }
    expectError(
      await api.post(
        "/v1/admin/actions",
        { action: "revoke_admin", user_id: admin.userId, reason: "x" },
        admin.accessToken,
      ),
      409,
      "last_admin",
    );

    const log = await api.get("/v1/admin/actions", admin.accessToken);
    expect(log.body.actions.map((a: any) => a.id)).toEqual(written.map((w) => w.id).reverse());
    expect(log.body.next_cursor).toBeNull();
    const verified = await api.get("/v1/admin/audit/verify", admin.accessToken);
    expect(verified.body).toEqual({ ok: true, entries: 4, head_hash: written[3].hash, first_bad_id: null });
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE, even to its superuser", async () => {
    for (const statement of [
      "UPDATE audit_log SET reason = 'nothing happened'",
      "DELETE FROM audit_log",
      "TRUNCATE audit_log",
    ]) {
      await expect(query(statement)).rejects.toThrow(/audit_log is append-only/);
    }
    expect((await query("SELECT count(*)::int AS n FROM audit_log"))[0].n).toBe(4);
  });

  it("an entry edited behind the triggers' back breaks the chain at that entry", async () => {
    const [, second] = await query("SELECT id FROM audit_log ORDER BY id");
    // Only a superuser can switch the trigger off; the hash chain still gives the edit away.
    await query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete");
    await query("UPDATE audit_log SET reason = 'nothing to see' WHERE id = $1", [second.id]);
    await query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete");
    const verified = await api.get("/v1/admin/audit/verify", admin.accessToken);
    expect(verified.body).toMatchObject({ ok: false, entries: 4, first_bad_id: second.id });

    // A removed entry shows too: the next one no longer links to what precedes it.
    await query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete");
    await query("UPDATE audit_log SET reason = 'a second admin' WHERE id = $1", [second.id]);
    expect((await api.get("/v1/admin/audit/verify", admin.accessToken)).body.ok).toBe(true);
    await query("DELETE FROM audit_log WHERE id = $1", [second.id]);
    await query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete");
    const gap = await api.get("/v1/admin/audit/verify", admin.accessToken);
    expect(gap.body).toMatchObject({ ok: false, entries: 3 });
    expect(gap.body.first_bad_id).toBeGreaterThan(second.id);
  });
});
