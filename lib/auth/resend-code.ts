import { getDb } from "../db/client.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { consume } from "../rate-limit/rate-limiter.ts";
import { RATE_LIMITS } from "./rate-limits.ts";
import { sendVerificationCode } from "./register.ts";

/** Mails a new code to an unverified account. Says nothing about whether the e-mail is registered. */
export async function resendVerificationCode(email: string, client: ClientInfo): Promise<void> {
  await consume(RATE_LIMITS.resendPerIp, client.ip);
  await consume(RATE_LIMITS.resendPerAccount, email);
  const user = await getDb().user.findUnique({ where: { email } });
  if (!user || user.emailVerifiedAt) return;
  await sendVerificationCode(user);
}
