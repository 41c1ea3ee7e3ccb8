import { signAccessToken } from "@/lib/auth/access-token.ts";
import { json } from "@/lib/http/responses.ts";
import { authRoute } from "@/lib/http/route.ts";

// GET /v1/auth/token – a fresh access token for the caller's session (the web app opens /ws with it)
export const GET = authRoute(async (_req, auth) => {
  const { token, expiresIn } = await signAccessToken({ userId: auth.userId, deviceId: auth.deviceId });
  return json({
    access_token: token,
    token_type: "Bearer",
    expires_in: expiresIn,
    user_id: auth.userId,
    device_id: auth.deviceId,
  });
});
