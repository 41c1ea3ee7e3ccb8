import type { z } from "zod";
import { checkPassword } from "../auth/check-password.ts";
import { RATE_LIMITS } from "../auth/rate-limits.ts";
import {
  CODE_TTL_MINUTES,
  consumeVerificationCode,
  issueVerificationCode,
} from "../auth/verification-code.ts";
import { getDb, Prisma } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";
import { AppError, conflict } from "../http/app-error.ts";
import { emailChangedNotice, emailChangeMail } from "../mail/account-mail.ts";
import { sendMail } from "../mail/send-mail.ts";
import { consume } from "../rate-limit/rate-limiter.ts";
import type { changeEmailSchema } from "./schemas.ts";

const emailTaken = () => conflict("email_taken", "Another account already uses this e-mail.");

async function assertFree(email: string): Promise<void> {
  if (await getDb().user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();
}

/** Mails a code to the new address; the account keeps its current e-mail until the code is entered. */
export async function requestEmailChange(
  userId: number,
  input: z.infer<typeof changeEmailSchema>,
): Promise<string> {
  await consume(RATE_LIMITS.emailChangePerAccount, String(userId));
  const user = await checkPassword(userId, input.password);
  if (input.new_email === user.email)
    throw new AppError("same_email", 422, "This is already your e-mail address.");
  await assertFree(input.new_email);
  const code = await issueVerificationCode(userId, { purpose: "email_change", newEmail: input.new_email });
  await sendMail(emailChangeMail(input.new_email, code, CODE_TTL_MINUTES));
  return input.new_email;
}

/** Moves the account to the address the code was mailed to, and tells the old address. */
export async function confirmEmailChange(userId: number, code: string): Promise<User> {
  const row = await consumeVerificationCode(userId, code, "email_change");
  const db = getDb();
  const before = await db.user.findUniqueOrThrow({ where: { id: userId } });
  let user: User;
  try {
    user = await db.user.update({ where: { id: userId }, data: { email: row.newEmail! } });
  } catch (error) {
    // Someone signed up with the address between the request and the code.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
    throw error;
  }
  await sendMail(emailChangedNotice(before.email, user.email)).catch((error) =>
    console.warn(`[stu] e-mail-changed notice to user ${userId} not sent: ${(error as Error).message}`),
  );
  return user;
}
