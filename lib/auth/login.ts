import type { z } from "zod";
import { getDb } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";
import { forbidden, unauthorized } from "../http/app-error.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { assertAllowed, recordHit } from "../rate-limit/rate-limiter.ts";
import { applyAdminEmails } from "./admin-emails.ts";
import { burnPasswordCheck, verifyPassword } from "./password.ts";
import { RATE_LIMITS } from "./rate-limits.ts";
import type { loginSchema } from "./schemas.ts";
import { createSession, type SessionTokens } from "./session.ts";

/** Password sign-in. Failed attempts count against the IP and the account. */
export async function login(
  input: z.infer<typeof loginSchema>,
  client: ClientInfo,
): Promise<{ user: User; tokens: SessionTokens }> {
  await assertAllowed(RATE_LIMITS.loginFailuresPerIp, client.ip);
  await assertAllowed(RATE_LIMITS.loginFailuresPerAccount, input.email);
  const user = await getDb().user.findUnique({ where: { email: input.email } });
  const valid = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await burnPasswordCheck(input.password);
  if (!user || !valid) {
    await recordHit(RATE_LIMITS.loginFailuresPerIp, client.ip);
    await recordHit(RATE_LIMITS.loginFailuresPerAccount, input.email);
    throw unauthorized("invalid_credentials", "Wrong e-mail or password.");
  }
  if (user.bannedAt) throw forbidden("user_banned", "This account is banned.");
  if (!user.emailVerifiedAt) {
    throw forbidden(
      "email_not_verified",
      "Verify your e-mail first: enter the code we sent you, or ask for a new one.",
    );
  }
  const signedIn = await applyAdminEmails(user);
  const tokens = await createSession(signedIn, {
    ...client,
    deviceName: input.device_name,
    platform: input.platform,
  });
  return { user: signedIn, tokens };
}
