import { getDb } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";
import { forbidden, unauthorized } from "../http/app-error.ts";
import { assertAllowed, recordHit } from "../rate-limit/rate-limiter.ts";
import { verifyPassword } from "./password.ts";
import { RATE_LIMITS } from "./rate-limits.ts";

/**
 * The signed-in user confirms a sensitive change with their password. 403, not 401: the session is
 * fine, the password is not. Wrong tries are limited per account, so a stolen session cannot guess it.
 */
export async function checkPassword(userId: number, password: string): Promise<User> {
  const key = String(userId);
  await assertAllowed(RATE_LIMITS.passwordCheckFailures, key);
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!user || user.deletedAt)
    throw unauthorized("session_revoked", "This session has ended; sign in again.");
  if (!(await verifyPassword(password, user.passwordHash))) {
    await recordHit(RATE_LIMITS.passwordCheckFailures, key);
    throw forbidden("wrong_password", "That is not your current password.");
  }
  return user;
}
