import { randomInt, timingSafeEqual } from "node:crypto";
import { getDb } from "../db/client.ts";
import { AppError } from "../http/app-error.ts";
import { hmac } from "./secrets.ts";

export const CODE_TTL_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;
const PURPOSE = "email_verification" as const;

const hashCode = (userId: number, code: string) => hmac("verification-code", `${userId}:${code}`);
const codeError = (code: string, message: string) => new AppError(code, 400, message);

/** A fresh 6-digit code; any earlier code of the user stops working. */
export async function issueVerificationCode(userId: number): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const now = new Date();
  const db = getDb();
  await db.$transaction([
    db.verificationCode.updateMany({
      where: { userId, purpose: PURPOSE, consumedAt: null },
      data: { consumedAt: new Date() },
    }),
    db.verificationCode.create({
      data: {
        userId,
        purpose: PURPOSE,
        codeHash: hashCode(userId, code),
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_TTL_MINUTES * 60_000),
      },
    }),
  ]);
  return code;
}

export const invalidCode = () =>
  codeError("invalid_code", "That code is not right. Check the e-mail and try again.");

/**
 * Spends one try of the user's current code and consumes it when it matches. The try is counted
 * atomically before comparing, so parallel guesses cannot exceed the limit.
 */
export async function consumeVerificationCode(userId: number, code: string): Promise<void> {
  const db = getDb();
  const current = await db.verificationCode.findFirst({
    where: { userId, purpose: PURPOSE, consumedAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!current)
    throw codeError("invalid_code", "There is no pending code for this e-mail; request a new one.");
  if (current.expiresAt.getTime() <= Date.now()) {
    throw codeError("code_expired", "This code has expired; request a new one.");
  }
  const claimed = await db.verificationCode.updateMany({
    where: { id: current.id, consumedAt: null, attempts: { lt: MAX_CODE_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (!claimed.count) {
    throw codeError("code_attempts_exceeded", "Too many wrong codes; request a new one.");
  }
  const matches = timingSafeEqual(Buffer.from(hashCode(userId, code)), Buffer.from(current.codeHash));
  if (!matches) {
    const after = await db.verificationCode.findUniqueOrThrow({ where: { id: current.id } });
    const left = MAX_CODE_ATTEMPTS - after.attempts;
    if (left <= 0) throw codeError("code_attempts_exceeded", "Too many wrong codes; request a new one.");
    throw codeError("invalid_code", `That code is not right; ${left} ${left === 1 ? "try" : "tries"} left.`);
  }
  const consumed = await db.verificationCode.updateMany({
    where: { id: current.id, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  if (!consumed.count) throw invalidCode();
}
