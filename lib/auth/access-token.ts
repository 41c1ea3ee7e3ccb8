import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { getConfig } from "../config/env.ts";
import { unauthorized } from "../http/app-error.ts";
import { derivedKey } from "./secrets.ts";

const ISSUER = "stu";
const AUDIENCE = "stu";

export type AccessClaims = { userId: number; deviceId: number };

export async function signAccessToken(claims: AccessClaims): Promise<{ token: string; expiresIn: number }> {
  const expiresIn = getConfig().accessTokenTtl;
  const token = await new SignJWT({ sid: claims.deviceId, typ: "access" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(String(claims.userId))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .sign(derivedKey("access-token"));
  return { token, expiresIn };
}

/** Checks signature and expiry only; whether the session is still alive is authenticate()'s job. */
export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, derivedKey("access-token"), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    const userId = Number(payload.sub);
    const deviceId = Number(payload.sid);
    if (payload.typ !== "access" || !Number.isInteger(userId) || !Number.isInteger(deviceId))
      throw new Error();
    return { userId, deviceId };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw unauthorized("token_expired", "The access token has expired; refresh it.");
    }
    throw unauthorized("invalid_token", "The access token is not valid.");
  }
}
