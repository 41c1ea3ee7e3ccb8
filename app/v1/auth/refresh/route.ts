import { refreshSession } from "@/lib/auth/refresh.ts";
import { refreshTokenSchema } from "@/lib/auth/schemas.ts";
import { clientInfo } from "@/lib/http/client-info.ts";
import { json } from "@/lib/http/responses.ts";
import { publicRoute } from "@/lib/http/route.ts";
import { readJson } from "@/lib/http/validation.ts";

// POST /v1/auth/refresh – rotate the refresh token and get a new access token
export const POST = publicRoute(async (req) => {
  const { refresh_token } = await readJson(req, refreshTokenSchema);
  const t = await refreshSession(refresh_token, clientInfo(req));
  return json({
    access_token: t.accessToken,
    refresh_token: t.refreshToken,
    token_type: "Bearer",
    expires_in: t.expiresIn,
    user_id: t.userId,
    device_id: t.deviceId,
  });
});
