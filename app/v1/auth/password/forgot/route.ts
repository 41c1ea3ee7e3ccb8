import { requestPasswordReset } from "@/lib/auth/password-reset.ts";
import { forgotPasswordSchema } from "@/lib/auth/schemas.ts";
import { clientInfo } from "@/lib/http/client-info.ts";
import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";

// POST /v1/auth/password/forgot – mail a reset link and code (202 whether or not the e-mail is known)
export const POST = publicRoute(async (req) => {
  const { email } = await readJson(req, forgotPasswordSchema);
  await requestPasswordReset(email, clientInfo(req));
  return json({ status: "accepted" }, 202);
});
