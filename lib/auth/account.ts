import { getDb } from "../db/client.ts";
import type { User } from "../db/generated/client.ts";
import { unauthorized } from "../http/app-error.ts";
import type { AuthContext } from "./authenticate.ts";

/** The caller's own account as it is now (profile, role), for the few endpoints that show it. */
export async function accountOf(auth: Pick<AuthContext, "userId">): Promise<User> {
  const user = await getDb().user.findUnique({ where: { id: auth.userId } });
  if (!user) throw unauthorized("session_revoked", "This session has ended; sign in again.");
  return user;
}
