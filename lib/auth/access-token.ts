import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { getConfig } from "../config/env.ts";
import { unauthorized } from "../http/app-error.ts";
import { derivedKey } from "./secrets.ts";

const ISSUER = "stu";
const AUDIENCE = "stu";

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
    .sign(derivedKey("access-token"));
  return { token, expiresIn };
}

/** Checks signature and expiry only; whether the session is still alive is authenticate()'s job. */
export async function verifyAccessToken(token: string): Promise<VerifiedClaims> {
  try {
    const { payload } = await jwtVerify(token, derivedKey("access-token"), {
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
    if (error instanceof joseErrors.JWTExpired) {
      throw unauthorized("token_expired", "The access token has expired; refresh it.");
    }
    throw unauthorized("invalid_token", "The access token is not valid.");
  }
}
