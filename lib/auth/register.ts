import type { z } from "zod";
import { getConfig } from "../config/env.ts";
import { getDb, Prisma } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";
import { conflict } from "../http/app-error.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { sendMail } from "../mail/send-mail.ts";
import { verificationMail } from "../mail/verification-mail.ts";
import { consume } from "../rate-limit/rate-limiter.ts";
import { hashPassword } from "./password.ts";
import { pickUsername } from "./pick-username.ts";
import { RATE_LIMITS } from "./rate-limits.ts";
import type { registerSchema } from "./schemas.ts";
import { CODE_TTL_MINUTES, issueVerificationCode } from "./verification-code.ts";

// An unverified sign-up holds its e-mail for a day; after that anyone may register it again.
const UNVERIFIED_HOLD_MS = 24 * 3600_000;

const emailTaken = () =>
  conflict("email_taken", "An account with this e-mail already exists. Sign in instead.");
const usernameTaken = () => conflict("username_taken", "That username is taken. Choose another one.");

export async function sendVerificationCode(user: Pick<User, "id" | "email">): Promise<void> {
  const code = await issueVerificationCode(user.id);
  await sendMail(verificationMail(user.email, code, CODE_TTL_MINUTES));
}

export async function register(input: z.infer<typeof registerSchema>, client: ClientInfo): Promise<User> {
  await consume(RATE_LIMITS.registerPerIp, client.ip);
  const db = getDb();
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) {
    if (existing.emailVerifiedAt || Date.now() - existing.createdAt.getTime() < UNVERIFIED_HOLD_MS)
      throw emailTaken();
    await db.user.delete({ where: { id: existing.id } });
  }
  if (
    input.username &&
    (await db.user.findUnique({ where: { username: input.username }, select: { id: true } }))
  ) {
    throw usernameTaken();
  }
  const username = input.username ?? (await pickUsername(input.email));
  const passwordHash = await hashPassword(input.password);
  let user: User;
  try {
    user = await db.user.create({
      data: {
        email: input.email,
        username,
        displayName: input.display_name || username,
        passwordHash,
        role: getConfig().adminEmails.includes(input.email) ? "admin" : "user",
      },
    });
  } catch (error) {
    // Lost a race with a parallel sign-up for the same e-mail or username.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw (await db.user.findUnique({ where: { email: input.email } })) ? emailTaken() : usernameTaken();
    }
    throw error;
  }
  try {
    await sendVerificationCode(user);
  } catch (error) {
    // Without the mail nobody can verify this account; undo it so the user can simply retry.
    await db.user.delete({ where: { id: user.id } });
    throw error;
  }
  return user;
}
