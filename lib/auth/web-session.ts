import type { NextRequest } from "next/server";
import { decode, getToken } from "next-auth/jwt";
import { getConfig } from "../config/env.ts";

export type WebSession = { userId: number; deviceId: number };

// next-auth's cookie is an encrypted JWT: decoding it derives a key (HKDF) and decrypts it on every
// request. The same cookie always decodes to the same claims, so they are remembered until the
// cookie's own expiry (bounded; the oldest go first). Whether the session is still alive is checked
// on every request all the same (authenticateDevice).
const MAX_REMEMBERED = 10_000;
type Known = WebSession & { expiresAtMs: number };
let remembered: { secret: string; cookies: Map<string, Known> } | undefined;

/** The web app's session cookie, or null without one (or with one that does not decode). */
export async function webSessionOf(req: NextRequest): Promise<WebSession | null> {
  const secret = getConfig().authSecret;
  const raw = await getToken({ req, secret, raw: true });
  if (!raw) return null;
  if (remembered?.secret !== secret) remembered = { secret, cookies: new Map() };
  const cookies = remembered.cookies;
  const known = cookies.get(raw);
  if (known && known.expiresAtMs > Date.now()) return known;
  cookies.delete(raw);
  const claims = await decode({ token: raw, secret }).catch(() => null);
  if (typeof claims?.uid !== "number" || typeof claims.did !== "number") return null;
  const session: Known = {
    userId: claims.uid,
    deviceId: claims.did,
    expiresAtMs: typeof claims.exp === "number" ? claims.exp * 1000 : 0,
  };
  cookies.set(raw, session);
  if (cookies.size > MAX_REMEMBERED) cookies.delete(cookies.keys().next().value!);
  return session;
}
