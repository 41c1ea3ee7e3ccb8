import type { NextRequest } from "next/server";
import type { AuthContext } from "../auth/authenticate.ts";
import { forbidden } from "../http/app-error.ts";
import { authRoute } from "../http/route.ts";

type Params = Record<string, string | string[] | undefined>;

export function requireAdmin(auth: AuthContext): void {
  if (auth.role !== "admin") throw forbidden("admin_only", "Only administrators can do that.");
}

/**
 * Every /v1/admin endpoint: 401 without a valid session, 403 admin_only for anyone but an admin. The
 * session and role are read fresh (not from the session cache): a revoked admin role stops at once.
 */
export function adminRoute(
  handler: (req: NextRequest, auth: AuthContext, params: Params) => Promise<Response>,
) {
  return authRoute(
    async (req, auth, params) => {
      requireAdmin(auth);
      return handler(req, auth, params);
    },
    { fresh: true },
  );
}
