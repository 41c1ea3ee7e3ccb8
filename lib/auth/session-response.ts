import type { User } from "../db/generated/client.ts";
import { toMe } from "../users/serialize.ts";
import type { SessionTokens } from "./session.ts";

/** The body of login and verify: both documents' fields. */
export function sessionBody(user: User, tokens: SessionTokens) {
  return {
    user_id: tokens.userId,
    device_id: tokens.deviceId,
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    token_type: "Bearer",
    expires_in: tokens.expiresIn,
    user: toMe(user),
  };
}
