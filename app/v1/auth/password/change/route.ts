import { changePassword } from "@/lib/auth/change-password.ts";
import { changePasswordSchema } from "@/lib/auth/schemas.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";

// POST /v1/auth/password/change – new password with the current one; other sessions end unless kept
export const POST = authRoute(async (req, auth) => {
  const { signedOut } = await changePassword(auth, await readJson(req, changePasswordSchema));
  return json({ status: "password_changed", signed_out_sessions: signedOut });
});
