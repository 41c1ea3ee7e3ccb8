import { createHmac, timingSafeEqual } from "node:crypto";

/** What a signed URL of the local driver allows: one method on one file variant until `expires`. */
export type SignedGrant = {
  method: "PUT" | "GET";
  id: number;
  variant: "upload" | "original" | "thumbnail";
  disposition: "inline" | "attachment";
  /** Unix seconds. */
  expires: number;
};

// A key of its own, so a media signature can never be confused with a session or token signature.
const keyOf = (authSecret: string) => createHmac("sha256", authSecret).update("stu media url v1").digest();

const payload = (g: SignedGrant) => [g.method, g.id, g.variant, g.disposition, g.expires].join("\n");

export function signGrant(grant: SignedGrant, authSecret: string): string {
  return createHmac("sha256", keyOf(authSecret)).update(payload(grant)).digest("base64url");
}

export type GrantCheck = "valid" | "bad_signature" | "expired";

/** Checks the signature first, so only a genuine URL is ever told that it expired. */
export function checkGrant(
  grant: SignedGrant,
  signature: string,
  authSecret: string,
  now = Date.now(),
): GrantCheck {
  const expected = Buffer.from(signGrant(grant, authSecret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad_signature";
  return grant.expires * 1000 < now ? "expired" : "valid";
}

/**
 * Expiry rounded up to the next minute: links made within the same minute are identical, so a
 * browser showing the same thumbnail again hits its cache instead of fetching a new URL.
 */
export function expiryFor(ttlSeconds: number, now = Date.now()): number {
  return Math.ceil((now / 1000 + ttlSeconds) / 60) * 60;
}
