import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";
import { confirmEmailChange } from "@/lib/users/change-email.ts";
import { confirmEmailSchema } from "@/lib/users/schemas.ts";
import { toMe } from "@/lib/users/serialize.ts";

// POST /v1/users/me/email/verify – the code mailed to the new address moves the account there
export const POST = authRoute(async (req, auth) => {
  const { code } = await readJson(req, confirmEmailSchema);
  return json(toMe(await confirmEmailChange(auth.userId, code)));
});
