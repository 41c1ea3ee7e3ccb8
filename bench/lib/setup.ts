import { randomBytes, scrypt } from "node:crypto";
import type pg from "pg";
import { verifyPassword } from "../../lib/auth/password.ts";

export const PASSWORD = "bench-password-1";

export type BenchUser = { id: number; email: string; token: string; deviceId: number };

/**
 * A password hash in lib/auth/password.ts's format ("scrypt$N$r$p$salt$key") with cheap
 * parameters. verifyPassword reads the parameters from the hash, so logins really check it, but
 * cost about 1 ms instead of the production cost (N=2^15, p=3: ~300 ms of CPU on this machine,
 * which would make 400 logins take minutes). Login speed is not what this benchmark measures.
 */
export async function benchPasswordHash(password: string): Promise<string> {
  const params = { N: 2 ** 10, r: 8, p: 1 };
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, 32, params, (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  );
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/**
 * Verified users inserted with one SQL statement (registration is rate limited per IP), all with
 * the same password hash, computed once.
 */
export async function insertUsers(
  db: pg.Client,
  count: number,
  prefix: string,
): Promise<Array<{ id: number; email: string }>> {
  const hash = await benchPasswordHash(PASSWORD);
  if (!(await verifyPassword(PASSWORD, hash))) throw new Error("the bench password hash does not verify");
  const { rows } = await db.query<{ id: number; email: string }>(
    `INSERT INTO users (email, username, display_name, password_hash, role, email_verified_at, created_at, updated_at)
     SELECT $1 || g || '@bench.test', $1 || g, 'Bench ' || g, $2, 'user', now(), now(), now()
     FROM generate_series(1, $3::int) AS g
     ORDER BY g
     RETURNING id, email`,
    [prefix, hash, count],
  );
  return rows.sort((a, b) => a.id - b.id);
}

/** Real logins through POST /v1/auth/login, a few at a time (each costs one scrypt on the server). */
export async function loginAll(
  baseUrl: string,
  users: Array<{ id: number; email: string }>,
  parallel = 4,
): Promise<BenchUser[]> {
  const out: BenchUser[] = new Array(users.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= users.length) return;
      const user = users[i]!;
      const res = await fetch(`${baseUrl}/v1/auth/login`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
        body: JSON.stringify({ email: user.email, password: PASSWORD, device_name: "bench" }),
      });
      if (!res.ok) throw new Error(`login ${user.email}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { access_token: string; user_id: number; device_id: number };
      out[i] = { id: body.user_id, email: user.email, token: body.access_token, deviceId: body.device_id };
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

/** One dialog per pair (a, b), inserted directly; returns the chat ids in pair order. */
export async function insertDialogs(db: pg.Client, pairs: Array<[number, number]>): Promise<number[]> {
  const keys = pairs.map(([a, b]) => `${Math.min(a, b)}:${Math.max(a, b)}`);
  const { rows } = await db.query<{ id: number; dialog_key: string }>(
    `INSERT INTO chats (type, dialog_key, created_by_id, created_at, updated_at, last_activity_at)
     SELECT 'dialog', k, split_part(k, ':', 1)::int, now(), now(), now() FROM unnest($1::text[]) AS k
     RETURNING id, dialog_key`,
    [keys],
  );
  const byKey = new Map(rows.map((r) => [r.dialog_key, r.id]));
  const ids = keys.map((k) => byKey.get(k)!);
  await db.query(
    `INSERT INTO chat_members (chat_id, user_id, role)
     SELECT c, u, 'member' FROM unnest($1::int[], $2::int[]) AS t(c, u)`,
    [ids.flatMap((id) => [id, id]), pairs.flat()],
  );
  return ids;
}

/** A group whose first member is the owner; returns its id. */
export async function insertGroup(db: pg.Client, title: string, members: number[]): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO chats (type, title, created_by_id, created_at, updated_at, last_activity_at)
     VALUES ('group', $1, $2, now(), now(), now()) RETURNING id`,
    [title, members[0]],
  );
  const id = rows[0]!.id;
  await db.query(
    `INSERT INTO chat_members (chat_id, user_id, role)
     SELECT $1, u, CASE WHEN u = $3 THEN 'owner'::"MemberRole" ELSE 'member'::"MemberRole" END
     FROM unnest($2::int[]) AS u`,
    [id, members, members[0]],
  );
  return id;
}
