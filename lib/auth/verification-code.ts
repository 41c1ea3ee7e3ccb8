import { randomInt, timingSafeEqual } from "node:crypto";
import { getDb } from "../db/client.ts";
import type { CodePurpose, VerificationCode } from "../db/generated/client.ts";
import { AppError } from "../http/app-error.ts";
import { hmac } from "./secrets.ts";

export const CODE_TTL_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;

const hashCode = (userId: number, code: string) => hmac("verification-code", `${userId}:${code}`);
const codeError = (code: string, message: string) => new AppError(code, 400, message);

export type IssueOptions = {
  purpose?: CodePurpose;
  ttlMinutes?: number;
  /** A password reset's link token, already hashed. */
  tokenHash?: string;
  /** Where an e-mail change moves the account. */
  newEmail?: string;
};

/** A fresh 6-digit code; any earlier code of the user for the same purpose stops working. */
export async function issueVerificationCode(userId: number, options: IssueOptions = {}): Promise<string> {
  const purpose = options.purpose ?? "email_verification";
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const now = new Date();
  const db = getDb();
  await db.$transaction([
    db.verificationCode.updateMany({
      where: { userId, purpose, consumedAt: null },
      data: { consumedAt: new Date() },
    }),
    db.verificationCode.create({
      data: {
        userId,
        purpose,
        codeHash: hashCode(userId, code),
        tokenHash: options.tokenHash,
        newEmail: options.newEmail,
        createdAt: now,
        expiresAt: new Date(now.getTime() + (options.ttlMinutes ?? CODE_TTL_MINUTES) * 60_000),
      },
    }),
  ]);
  return code;
}

export const invalidCode = () =>
  codeError("invalid_code", "That code is not right. Check the e-mail and try again.");

const expired = () => codeError("code_expired", "This code has expired; request a new one.");

/** Marks the row used; false when a parallel request used it first. */
async function markConsumed(id: number): Promise<boolean> {
  const consumed = await getDb().verificationCode.updateMany({
    where: { id, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  return consumed.count > 0;
}

/**
 * Spends one try of the user's current code and consumes it when it matches. The try is counted
 * atomically before comparing, so parallel guesses cannot exceed the limit.
 */
export async function consumeVerificationCode(
  userId: number,
  code: string,
  purpose: CodePurpose = "email_verification",
): Promise<VerificationCode> {
  const db = getDb();
  const current = await db.verificationCode.findFirst({
    where: { userId, purpose, consumedAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!current)
    throw codeError("invalid_code", "There is no pending code for this e-mail; request a new one.");
  if (current.expiresAt.getTime() <= Date.now()) throw expired();
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
  if (!(await markConsumed(current.id))) throw invalidCode();
  return current;
}

/** Consumes the unexpired, unused code row a link token belongs to (single use). */
export async function consumeLinkToken(tokenHash: string, purpose: CodePurpose): Promise<VerificationCode> {
  const row = await getDb().verificationCode.findUnique({ where: { tokenHash } });
  const invalidLink = codeError(
    "invalid_token",
    "This link is not valid or was already used; request a new one.",
  );
  if (!row || row.purpose !== purpose || row.consumedAt) throw invalidLink;
  if (row.expiresAt.getTime() <= Date.now()) throw expired();
  if (!(await markConsumed(row.id))) throw invalidLink;
  return row;
}
