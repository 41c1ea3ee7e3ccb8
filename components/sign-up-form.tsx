"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ApiError, api } from "@/lib/client/api.ts";
import { FormAlert } from "./form-alert.tsx";
import { SubmitButton } from "./submit-button.tsx";
import { TextField } from "./text-field.tsx";

export function SignUpForm() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = Object.fromEntries([...form.entries()].filter(([, v]) => String(v).trim() !== ""));
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await api("/v1/auth/register", { body });
      router.push(`/verify?email=${encodeURIComponent(String(form.get("email")))}`);
    } catch (e) {
      const body = e instanceof ApiError ? e.body : { code: "error", message: "Something went wrong." };
      const fields = Object.fromEntries(
        (body.details ?? []).filter((d) => d.field).map((d) => [d.field!, d.message]),
      );
      setFieldErrors(fields);
      if (!Object.keys(fields).length) setError(body.message);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <FormAlert>{error}</FormAlert> : null}
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={fieldErrors.email}
      />
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        hint="Optional: 3–32 letters, digits or _, starting with a letter."
        error={fieldErrors.username}
      />
      <TextField
        label="Display name"
        name="display_name"
        autoComplete="name"
        error={fieldErrors.display_name}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        error={fieldErrors.password}
      />
      <SubmitButton busy={busy} testId="signup-submit">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-500">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Sign in
        </Link>
      </p>
    </form>
  );
}
