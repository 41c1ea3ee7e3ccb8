import { register } from "@/lib/auth/register.ts";
import { registerSchema } from "@/lib/auth/schemas.ts";
import { clientInfo } from "@/lib/http/client-info.ts";
import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";

// POST /v1/auth/register – create an account and e-mail a verification code
export const POST = publicRoute(async (req) => {
  const user = await register(await readJson(req, registerSchema), clientInfo(req));
  return json(
    {
      id: user.id,
      user_id: user.id,
      email: user.email,
      username: user.username,
      status: "verification_sent",
    },
    201,
  );
});
