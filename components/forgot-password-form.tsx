"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { forgotPassword } from "@/lib/client/account.ts";
import { type FormErrors, formErrors } from "@/lib/client/profile.ts";
import { FormAlert } from "./form-alert.tsx";
import { SubmitButton } from "./submit-button.tsx";
import { TextField } from "./text-field.tsx";

const NO_ERRORS: FormErrors = { fields: {}, message: null };

export function ForgotPasswordForm() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await forgotPassword(email);
      setSentTo(email);
    } catch (error) {
      setErrors(formErrors(error));
    } finally {
      setBusy(false);
    }
  }

  if (sentTo) {
    return (
      <div className="space-y-4" data-testid="forgot-sent">
        <p role="status">
          If an account uses <strong className="break-all">{sentTo}</strong>, we sent it a link to choose a
          new password. It works once, for 30 minutes.
        </p>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Nothing arrived? Check the spam folder, or{" "}
          <button
            type="button"
            className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
            onClick={() => setSentTo(null)}
          >
            try again
          </button>
          .
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {errors.message ? <FormAlert>{errors.message}</FormAlert> : null}
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        error={errors.fields.email}
      />
      <SubmitButton busy={busy} testId="forgot-submit">
        Send me a link
      </SubmitButton>
      <p className="text-center text-sm text-slate-500">
        <Link href="/signin" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
