import type { z } from "zod";
import { getDb } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";
import { conflict, forbidden } from "../http/app-error.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { consume } from "../rate-limit/rate-limiter.ts";
import { applyAdminEmails } from "./admin-emails.ts";
import { RATE_LIMITS } from "./rate-limits.ts";
import type { verifySchema } from "./schemas.ts";
import { createSession, type SessionTokens } from "./session.ts";
import { consumeVerificationCode, invalidCode } from "./verification-code.ts";

/** Confirms the e-mail with the mailed code and signs the user in on this device. */
export async function verifyEmail(
  input: z.infer<typeof verifySchema>,
  client: ClientInfo,
): Promise<{ user: User; tokens: SessionTokens }> {
  await consume(RATE_LIMITS.verifyPerIp, client.ip);
  const db = getDb();
  const user = await db.user.findUnique({ where: { email: input.email } });
  if (!user) throw invalidCode();
  if (user.emailVerifiedAt)
    throw conflict("already_verified", "This e-mail is already verified. Sign in instead.");
  await consumeVerificationCode(user.id, input.code);
  const updated = await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
  if (updated.bannedAt) throw forbidden("user_banned", "This account is banned.");
  const verified = await applyAdminEmails(updated);
  const tokens = await createSession(verified, {
    ...client,
    deviceName: input.device_name,
    platform: input.platform,
  });
  return { user: verified, tokens };
}
