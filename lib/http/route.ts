import type { NextRequest } from "next/server";
import { type AuthContext, authenticateAccessToken, authenticateDevice } from "../auth/authenticate.ts";
import { webSessionOf } from "../auth/web-session.ts";
import { getConfig } from "../config/env.ts";
import { AppError, unauthorized } from "./app-error.ts";
import { errorResponse } from "./handle-errors.ts";

type Params = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<Params> };

type PublicHandler = (req: NextRequest, params: Params) => Promise<Response>;
type AuthHandler = (req: NextRequest, auth: AuthContext, params: Params) => Promise<Response>;

/** The only try/catch of the HTTP API: every handler goes through here. */
export function publicRoute(handler: PublicHandler) {
  return async (req: NextRequest, ctx: RouteContext) => {
    try {
      return await handler(req, (await ctx?.params) ?? {});
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** `fresh`: the session is read from PostgreSQL, not from the session cache (admin endpoints). */
export type AuthOptions = { fresh?: boolean };

/** Bearer token for API clients; the next-auth cookie for the web app (with an Origin check). */
export async function authenticateRequest(req: NextRequest, options: AuthOptions = {}): Promise<AuthContext> {
  const header = req.headers.get("authorization");
  if (header) {
    const [scheme, token] = header.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token) {
      throw unauthorized("invalid_token", "Use an Authorization header of the form: Bearer <access_token>.");
    }
    return authenticateAccessToken(token, options);
  }
  const config = getConfig();
  const session = await webSessionOf(req);
  if (!session) {
    throw unauthorized(
      "unauthorized",
      "Sign in to continue: send an Authorization: Bearer <access_token> header.",
    );
  }
  // Cookies ride along on cross-site requests; only our own pages may change state with them.
  if (!SAFE_METHODS.has(req.method) && !config.allowedOrigins.includes(req.headers.get("origin") ?? "")) {
    throw new AppError("csrf_rejected", 403, "This request must come from the stu web app.");
  }
  return authenticateDevice(session.userId, session.deviceId, options);
}

export function authRoute(handler: AuthHandler, options: AuthOptions = {}) {
  return publicRoute(async (req, params) => handler(req, await authenticateRequest(req, options), params));
}
