import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { getConfig } from "../config/env.ts";
import { unauthorized } from "../http/app-error.ts";
import { derivedKey } from "./secrets.ts";

const ISSUER = "stu";
const AUDIENCE = "stu";

// jose imports a raw key into WebCrypto on every call; the imported key is kept per secret instead.
let cachedKey: { secret: string; key: Promise<CryptoKey> } | undefined;
function accessKey(): Promise<CryptoKey> {
  const secret = getConfig().authSecret;
  if (cachedKey?.secret !== secret) {
    const key = crypto.subtle.importKey(
      "raw",
      new Uint8Array(derivedKey("access-token")),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    cachedKey = { secret, key };
  }
  return cachedKey.key;
}

export type AccessClaims = { userId: number; deviceId: number };
export type VerifiedClaims = AccessClaims & { expiresAt: Date };

/**
 * Signs an access token. With `issuedAt` the token is reproducible (HS256 over the same claims gives
 * the same bytes), which lets a refresh repeated within the grace window answer the very same pair.
 */
export async function signAccessToken(
  claims: AccessClaims,
  issuedAt?: Date,
): Promise<{ token: string; expiresIn: number }> {
  const ttl = getConfig().accessTokenTtl;
  const iat = Math.floor((issuedAt ?? new Date()).getTime() / 1000);
  const expiresIn = Math.max(1, iat + ttl - Math.floor(Date.now() / 1000));
  const token = await new SignJWT({ sid: claims.deviceId, typ: "access" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(String(claims.userId))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(await accessKey());
  return { token, expiresIn };
}

const expired = () => unauthorized("token_expired", "The access token has expired; refresh it.");

// A token's signature check always gives the same answer for the same secret, so good tokens are
// remembered until they expire (bounded; the oldest go first). Expiry is still checked on each use.
const MAX_REMEMBERED = 10_000;
let remembered: { secret: string; tokens: Map<string, VerifiedClaims> } | undefined;

function rememberedTokens(): Map<string, VerifiedClaims> {
  const secret = getConfig().authSecret;
  if (remembered?.secret !== secret) remembered = { secret, tokens: new Map() };
  return remembered.tokens;
}

/** Checks signature and expiry only; whether the session is still alive is authenticate()'s job. */
export async function verifyAccessToken(token: string): Promise<VerifiedClaims> {
  const tokens = rememberedTokens();
  const known = tokens.get(token);
  if (known) {
    // As jose does: a token is expired from the second its exp names.
    if (known.expiresAt.getTime() <= Date.now()) {
      tokens.delete(token);
      throw expired();
    }
    return known;
  }
  const claims = await checkAccessToken(token);
  tokens.set(token, claims);
  if (tokens.size > MAX_REMEMBERED) tokens.delete(tokens.keys().next().value!);
  return claims;
}

async function checkAccessToken(token: string): Promise<VerifiedClaims> {
  try {
    const { payload } = await jwtVerify(token, await accessKey(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    const userId = Number(payload.sub);
    const deviceId = Number(payload.sid);
    if (
      payload.typ !== "access" ||
      !Number.isInteger(userId) ||
      !Number.isInteger(deviceId) ||
      typeof payload.exp !== "number"
    )
      throw new Error();
    return { userId, deviceId, expiresAt: new Date(payload.exp * 1000) };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw expired();
    throw unauthorized("invalid_token", "The access token is not valid.");
  }
}
