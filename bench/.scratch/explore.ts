import { randomBytes, scryptSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startAppServer } from "../../test/support/app-server.ts";
import { startMailCatcher } from "../../test/support/mail-catcher.ts";
import { BenchSocket, Tracker } from "../lib/load.ts";
import { insertDialogs, loginAll } from "../lib/setup.ts";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-x-"));
const mail = await startMailCatcher();
const app = await startAppServer({ dataDir, smtpPort: mail.smtpPort });
try {
  const db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  const salt = randomBytes(16);
  const key = scryptSync("bench-password-1", salt, 32, { N: 1024, r: 8, p: 1 });
  const hash = `scrypt$1024$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
  const { rows } = await db.query(
    `INSERT INTO users (email, username, display_name, password_hash, role, email_verified_at, created_at, updated_at)
     SELECT 'x' || g || '@bench.test', 'x' || g, 'X', $1, 'user', now(), now(), now() FROM generate_series(1, 4) g RETURNING id, email`,
    [hash],
  );
  const t = performance.now();
  const users = await loginAll(app.url, rows, 4);
  console.log("login", performance.now() - t);
  const [chat] = await insertDialogs(db, [[users[0]!.id, users[1]!.id]]);
  const got: Array<[string, number]> = [];
  const a = await BenchSocket.open(app.url, users[0]!.token, users[0]!.id, (f, at) =>
    got.push([f.slice(0, 40), at]),
  );
  const b = await BenchSocket.open(app.url, users[1]!.token, users[1]!.id, (f, at) =>
    got.push([f.slice(0, 40), at]),
  );
  await db.query("ALTER SYSTEM SET log_min_duration_statement = 0");
  await db.query("ALTER SYSTEM SET log_line_prefix = '%m [%p] '");
  await db.query("SELECT pg_reload_conf()");
  await new Promise((r) => setTimeout(r, 500));
  got.length = 0;
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    a.send({ type: "send_message", temp_id: `t${i}`, conversation_id: chat, text: "hi" });
    await new Promise((r) => setTimeout(r, 300));
    console.log(i, got.map(([f, at]) => `${f} +${(at - t0).toFixed(1)}`).join(" | "));
    got.length = 0;
  }
  await a.close();
  await b.close();
  await db.end();
} finally {
  await app.stop();
  await mail.close();
  const { readFileSync } = await import("node:fs");
  console.log(
    readFileSync(path.join(dataDir, "postgres.log"), "utf8")
      .split("\n")
      .filter((l) => l.includes("duration"))
      .slice(-60)
      .join("\n"),
  );
  rmSync(dataDir, { recursive: true, force: true });
  console.log(app.logs.slice(-20).join("\n"));
}
