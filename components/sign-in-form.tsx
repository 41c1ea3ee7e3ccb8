"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import type { ApiErrorBody } from "@/lib/client/api.ts";
import { signInWith } from "@/lib/client/sign-in.ts";
import { FormAlert } from "./form-alert.tsx";
import { SubmitButton } from "./submit-button.tsx";
import { TextField } from "./text-field.tsx";

export const BANNED_TEXT = "This account has been banned.";

export function SignInForm({ banned = false }: { banned?: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<(ApiErrorBody & { email: string }) | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    setBusy(true);
    setError(null);
    const failure = await signInWith({ email, password: String(form.get("password") ?? "") });
    if (failure) {
      setError({ ...failure, email });
      setBusy(false);
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {banned && !error ? (
        <FormAlert>
          <span data-testid="signin-banned">{BANNED_TEXT}</span>
        </FormAlert>
      ) : null}
      {error ? (
        <FormAlert>
          {error.code === "user_banned" ? (
            <span data-testid="signin-banned">{BANNED_TEXT}</span>
          ) : (
            error.message
          )}
          {error.code === "email_not_verified" ? (
            <>
              {" "}
              <Link
                className="font-medium underline"
                href={`/verify?email=${encodeURIComponent(error.email)}`}
              >
                Enter or resend the code
              </Link>
            </>
          ) : null}
        </FormAlert>
      ) : null}
      <TextField label="E-mail" name="email" type="email" autoComplete="email" required autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <p className="-mt-2 text-right text-sm">
        <Link
          href="/forgot-password"
          data-testid="signin-forgot"
          className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Forgot password?
        </Link>
      </p>
      <SubmitButton busy={busy} testId="signin-submit">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-slate-500">
        New here?{" "}
        <Link href="/signup" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Create an account
        </Link>
      </p>
    </form>
  );
}
