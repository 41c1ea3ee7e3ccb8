"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ApiError, api } from "@/lib/client/api.ts";
import { signInWith } from "@/lib/client/sign-in.ts";
import { FormAlert } from "./form-alert.tsx";
import { SubmitButton } from "./submit-button.tsx";
import { TextField } from "./text-field.tsx";

export function VerifyForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    setBusy(true);
    setError(null);
    setInfo(null);
    const failure = await signInWith({ email, code });
    if (failure) {
      setError(failure.message);
      setBusy(false);
      return;
    }
    router.replace("/");
    router.refresh();
  }

  async function resend() {
    setError(null);
    setInfo(null);
    try {
      await api("/v1/auth/resend", { body: { email } });
      setInfo("If this e-mail is waiting for verification, a new code is on its way.");
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not send a new code.");
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <FormAlert>{error}</FormAlert> : null}
      {info ? <FormAlert tone="info">{info}</FormAlert> : null}
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        required
      />
      <TextField
        label="Code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{6}"
        maxLength={6}
        placeholder="123456"
        required
        autoFocus
      />
      <SubmitButton busy={busy} testId="verify-submit">
        Verify and sign in
      </SubmitButton>
      <div className="flex justify-between text-sm">
        <button
          type="button"
          onClick={resend}
          className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
          data-testid="resend-code"
        >
          Send a new code
        </button>
        <Link href="/signin" className="text-slate-500 hover:underline">
          Back to sign in
        </Link>
      </div>
    </form>
  );
}
