import { logout } from "@/lib/auth/logout.ts";
import { refreshTokenSchema } from "@/lib/auth/schemas.ts";
import { noContent } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";

// POST /v1/auth/logout – end this device's session
export const POST = publicRoute(async (req) => {
  await logout((await readJson(req, refreshTokenSchema)).refresh_token);
  return noContent();
});
