"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { resetPassword } from "@/lib/client/account.ts";
import { type FormErrors, formErrors } from "@/lib/client/profile.ts";
import { FormAlert } from "./form-alert.tsx";
import { SubmitButton } from "./submit-button.tsx";
import { TextField } from "./text-field.tsx";

const NO_ERRORS: FormErrors = { fields: {}, message: null };
const LINK_PROBLEMS = new Set(["invalid_token", "code_expired"]);

export function ResetPasswordForm({ token }: { token: string }) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [linkProblem, setLinkProblem] = useState<string | null>(token ? null : "This link is incomplete.");
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("new_password") ?? "");
    if (password !== String(form.get("confirm_password") ?? "")) {
      setErrors({ fields: { confirm_password: "The two passwords are not the same." }, message: null });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await resetPassword(token, password);
      setDone(true);
    } catch (error) {
      const code = (error as { body?: { code?: string; message?: string } }).body?.code;
      if (code && LINK_PROBLEMS.has(code)) setLinkProblem((error as Error).message);
      else setErrors(formErrors(error));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="space-y-4" data-testid="reset-done">
        <p role="status">
          Your password is changed. Every device was signed out; sign in with the new password.
        </p>
        <Link
          href="/signin"
          className="btn-primary block w-full py-2.5 text-center text-base"
          data-testid="reset-signin"
        >
          Sign in
        </Link>
      </div>
    );
  }
  if (linkProblem) {
    return (
      <div className="space-y-4" data-testid="reset-link-problem">
        <FormAlert>{linkProblem}</FormAlert>
        <Link href="/forgot-password" className="btn-primary block w-full py-2.5 text-center text-base">
          Send me a new link
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {errors.message ? <FormAlert>{errors.message}</FormAlert> : null}
      <TextField
        label="New password"
        name="new_password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        minLength={8}
        maxLength={128}
        hint="At least 8 characters."
        error={errors.fields.new_password}
      />
      <TextField
        label="New password again"
        name="confirm_password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.fields.confirm_password}
      />
      <SubmitButton busy={busy} testId="reset-submit">
        Set the new password
      </SubmitButton>
    </form>
  );
}
