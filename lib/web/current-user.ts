import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { accountOf } from "../auth/account.ts";
import { authenticateDevice } from "../auth/authenticate.ts";
import { authOptions } from "../auth/next-auth-options.ts";
import { AppError } from "../http/app-error.ts";
import { toMe } from "../users/serialize.ts";

export type CurrentUser = ReturnType<typeof toMe> & { device_id: number };

/** The signed-in user of a server-rendered page; anyone else is sent to the sign-in page. */
export async function requireCurrentUser(): Promise<CurrentUser> {
  const session = (await getServerSession(authOptions())) as { userId?: number; deviceId?: number } | null;
  if (typeof session?.userId !== "number" || typeof session.deviceId !== "number") redirect("/signin");
  let banned = false;
  const auth = await authenticateDevice(session.userId, session.deviceId, { fresh: true }).catch(
    (error: unknown) => {
      banned = error instanceof AppError && error.code === "user_banned";
      return null;
    },
  );
  // A banned person reloading the app is told why, as an open tab is when the ban closes its socket.
  if (!auth) redirect(banned ? "/signin?banned=1" : "/signin");
  return { ...toMe(await accountOf(auth)), device_id: session.deviceId };
}
