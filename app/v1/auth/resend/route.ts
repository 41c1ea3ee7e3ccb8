import { resendVerificationCode } from "@/lib/auth/resend-code.ts";
import { resendSchema } from "@/lib/auth/schemas.ts";
import { clientInfo } from "@/lib/http/client-info.ts";
import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";

// POST /v1/auth/resend – mail a new verification code (202 whether or not the e-mail is known)
export const POST = publicRoute(async (req) => {
  const { email } = await readJson(req, resendSchema);
  await resendVerificationCode(email, clientInfo(req));
  return json({ status: "accepted" }, 202);
});
