import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "../config/env.ts";
import { AppError } from "../http/app-error.ts";
import { CLIENT_IP_HEADER } from "../http/client-info.ts";
import { parseWith } from "../http/validation.ts";
import { login } from "./login.ts";
import { loginSchema, verifySchema } from "./schemas.ts";
import { revokeDevices } from "./session.ts";
import { verifyEmail } from "./verify-email.ts";

type Headers = Record<string, string | string[] | undefined> | undefined;
const header = (headers: Headers, name: string) => {
  const value = headers?.[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

/** What the sign-in form shows: the domain error's code and message, JSON in next-auth's error string. */
export type SignInError = { code: string; message: string };

/**
 * The web app's sign-in: the Credentials provider calls the same lib functions as the REST API, so
 * each browser sign-in is a device session that shows up in /v1/auth/sessions and can be revoked.
 */
export function authOptions(): NextAuthOptions {
  const config = getConfig();
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: config.refreshTokenTtl },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail",
        credentials: { email: {}, password: {}, code: {} },
        async authorize(credentials, req) {
          const headers = req?.headers as Headers;
          const client = {
            ip: header(headers, CLIENT_IP_HEADER) || "unknown",
            userAgent: header(headers, "user-agent"),
          };
          const device = { device_name: "Web browser", platform: "web" };
          try {
            const { user, tokens } = credentials?.code
              ? await verifyEmail(parseWith(verifySchema, { ...credentials, ...device }), client)
              : await login(parseWith(loginSchema, { ...credentials, ...device }), client);
            return {
              id: String(user.id),
              deviceId: tokens.deviceId,
              name: user.displayName,
              email: user.email,
            };
          } catch (error) {
            if (error instanceof AppError) {
              throw new Error(
                JSON.stringify({ code: error.code, message: error.message } satisfies SignInError),
              );
            }
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.did = (user as { deviceId?: number }).deviceId;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.uid, deviceId: token.did };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.uid === "number" && typeof token.did === "number") {
          await revokeDevices({ userId: token.uid, deviceIds: [token.did] }, "logout");
        }
      },
    },
  };
}
