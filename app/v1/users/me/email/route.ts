import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";
import { requestEmailChange } from "@/lib/users/change-email.ts";
import { changeEmailSchema } from "@/lib/users/schemas.ts";

// POST /v1/users/me/email – mail a code to a new address (needs the password); the change waits for the code
export const POST = authRoute(async (req, auth) => {
  const newEmail = await requestEmailChange(auth.userId, await readJson(req, changeEmailSchema));
  return json({ status: "verification_sent", new_email: newEmail }, 202);
});
