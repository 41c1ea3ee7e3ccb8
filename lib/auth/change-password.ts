import type { z } from "zod";
import { getDb } from "../db/client.ts";
import { passwordChangedNotice } from "../mail/account-mail.ts";
import { sendMail } from "../mail/send-mail.ts";
import type { AuthContext } from "./authenticate.ts";
import { checkPassword } from "./check-password.ts";
import { hashPassword } from "./password.ts";
import type { changePasswordSchema } from "./schemas.ts";
import { revokeDevices } from "./session.ts";

/** Sets a new password; other sessions end unless the user keeps them. The caller's stays signed in. */
export async function changePassword(
  auth: Pick<AuthContext, "userId" | "deviceId">,
  input: z.infer<typeof changePasswordSchema>,
): Promise<{ signedOut: number }> {
  const user = await checkPassword(auth.userId, input.current_password);
  await getDb().user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(input.new_password) },
  });
  let signedOut = 0;
  if (input.sign_out_other_sessions) {
    const others = await getDb().device.findMany({
      where: { userId: user.id, revokedAt: null, id: { not: auth.deviceId } },
      select: { id: true },
    });
    if (others.length)
      signedOut = (
        await revokeDevices({ userId: user.id, deviceIds: others.map((d) => d.id) }, "password_changed")
      ).length;
  }
  // A notice, not a condition: the password is already changed when the mail server is away.
  await sendMail(passwordChangedNotice(user.email)).catch((error) =>
    console.warn(`[stu] password-changed notice to user ${user.id} not sent: ${(error as Error).message}`),
  );
  return { signedOut };
}
