import { login } from "@/lib/auth/login.ts";
import { loginSchema } from "@/lib/auth/schemas.ts";
import { sessionBody } from "@/lib/auth/session-response.ts";
import { clientInfo } from "@/lib/http/client-info.ts";
import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";

// POST /v1/auth/login – password sign-in; starts a new device session
export const POST = publicRoute(async (req) => {
  const { user, tokens } = await login(await readJson(req, loginSchema), clientInfo(req));
  return json(sessionBody(user, tokens));
});
