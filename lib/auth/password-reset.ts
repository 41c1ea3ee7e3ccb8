import type { z } from "zod";
import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { addJob } from "../jobs/add-job.ts";
import { passwordResetMail } from "../mail/account-mail.ts";
import { sendMail } from "../mail/send-mail.ts";
import { consume } from "../rate-limit/rate-limiter.ts";
import { hashPassword } from "./password.ts";
import { RATE_LIMITS } from "./rate-limits.ts";
import type { resetPasswordSchema } from "./schemas.ts";
import { hmac, randomToken } from "./secrets.ts";
import { revokeDevices } from "./session.ts";
import {
  consumeLinkToken,
  consumeVerificationCode,
  invalidCode,
  issueVerificationCode,
} from "./verification-code.ts";

export const RESET_TTL_MINUTES = 30;

const hashResetToken = (token: string) => hmac("password-reset", token);

/**
 * Queues the reset mail. The answer and its timing are the same whether or not the account exists:
 * the look-up and the SMTP round trip happen in the job (retried if the mail server is away).
 */
export async function requestPasswordReset(email: string, client: ClientInfo): Promise<void> {
  await consume(RATE_LIMITS.forgotPerIp, client.ip);
  await consume(RATE_LIMITS.forgotPerAccount, email);
  await addJob("password_reset_mail", { email }, { maxAttempts: 5 });
}

/** The job: a fresh link token and code (earlier ones stop working), mailed to the account. */
export async function mailPasswordReset(email: string): Promise<boolean> {
  const user = await getDb().user.findFirst({ where: { email, deletedAt: null } });
  if (!user) return false;
  const token = randomToken("pr_");
  const code = await issueVerificationCode(user.id, {
    purpose: "password_reset",
    ttlMinutes: RESET_TTL_MINUTES,
    tokenHash: hashResetToken(token),
  });
  const link = `${getConfig().appUrl}/reset-password?token=${encodeURIComponent(token)}`;
  await sendMail(passwordResetMail(user.email, link, code, RESET_TTL_MINUTES));
  return true;
}

/** Sets the new password with the mailed link token or code; every session of the account ends. */
export async function resetPassword(
  input: z.infer<typeof resetPasswordSchema>,
  client: ClientInfo,
): Promise<void> {
  await consume(RATE_LIMITS.resetPerIp, client.ip);
  const db = getDb();
  let userId: number;
  if (input.token) {
    userId = (await consumeLinkToken(hashResetToken(input.token), "password_reset")).userId;
  } else {
    const user = await db.user.findFirst({ where: { email: input.email!, deletedAt: null } });
    if (!user) throw invalidCode();
    userId = (await consumeVerificationCode(user.id, input.code!, "password_reset")).userId;
  }
  const passwordHash = await hashPassword(input.new_password);
  const user = await db.user.update({ where: { id: userId }, data: { passwordHash } });
  // The mail proved the address, so an account never verified is verified now.
  if (!user.emailVerifiedAt)
    await db.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  await revokeDevices({ userId }, "password_reset");
}
