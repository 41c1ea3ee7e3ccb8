import { verifySchema } from "@/lib/auth/schemas.ts";
import { sessionBody } from "@/lib/auth/session-response.ts";
import { verifyEmail } from "@/lib/auth/verify-email.ts";
import { clientInfo } from "@/lib/http/client-info.ts";
import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";

// POST /v1/auth/verify – confirm the e-mail with its code and sign in
export const POST = publicRoute(async (req) => {
  const { user, tokens } = await verifyEmail(await readJson(req, verifySchema), clientInfo(req));
  return json(sessionBody(user, tokens));
});
