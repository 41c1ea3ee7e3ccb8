import { resetPassword } from "@/lib/auth/password-reset.ts";
import { resetPasswordSchema } from "@/lib/auth/schemas.ts";
import { clientInfo } from "@/lib/http/client-info.ts";
import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";

// POST /v1/auth/password/reset – set a new password with the mailed token (or e-mail + code); signs out everywhere
export const POST = publicRoute(async (req) => {
  await resetPassword(await readJson(req, resetPasswordSchema), clientInfo(req));
  return json({ status: "password_reset" });
});
