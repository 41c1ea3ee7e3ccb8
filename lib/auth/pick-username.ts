import { randomInt } from "node:crypto";
import { getDb } from "../db/client.ts";

/** A free username derived from the e-mail's local part, for sign-ups that did not choose one. */
export async function pickUsername(email: string): Promise<string> {
  let base = email
    .split("@")[0]!
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .replace(/^[^a-z]+/, "")
    .slice(0, 24);
  if (base.length < 3) base = `user${base}`;
  const db = getDb();
  for (let i = 0; i < 8; i++) {
    const candidate = i === 0 ? base : `${base}_${randomInt(1000, 1_000_000)}`;
    if (!(await db.user.findUnique({ where: { username: candidate }, select: { id: true } })))
      return candidate;
  }
  return `user_${Date.now().toString(36)}${randomInt(1000, 9999)}`;
}
