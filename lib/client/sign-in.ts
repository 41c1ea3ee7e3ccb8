import { signIn } from "next-auth/react";
import type { ApiErrorBody } from "./api.ts";

/** next-auth's Credentials sign-in; the server puts the domain error as JSON into `error`. */
export async function signInWith(credentials: Record<string, string>): Promise<ApiErrorBody | null> {
  const result = await signIn("credentials", { ...credentials, redirect: false });
  if (!result?.error) return null;
  try {
    return JSON.parse(result.error) as ApiErrorBody;
  } catch {
    return { code: "sign_in_failed", message: "Could not sign in. Try again." };
  }
}
