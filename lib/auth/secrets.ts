import { createHash, createHmac, randomBytes } from "node:crypto";
import { getConfig } from "../config/env.ts";

/** A key for one purpose, derived from AUTH_SECRET so that no two features share a key. */
export function derivedKey(purpose: string): Buffer {
  return createHmac("sha256", getConfig().authSecret).update(`stu:${purpose}`).digest();
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function hmac(purpose: string, value: string): string {
  return createHmac("sha256", derivedKey(purpose)).update(value).digest("hex");
}

export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}
