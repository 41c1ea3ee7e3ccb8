"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { changePassword } from "@/lib/client/account.ts";
import { type FormErrors, formErrors } from "@/lib/client/profile.ts";
import { FormAlert } from "../form-alert.tsx";
import { TextField } from "../text-field.tsx";
import { SESSIONS_KEY } from "./devices-section.tsx";

const NO_ERRORS: FormErrors = { fields: {}, message: null };

/** Fields the API names differently from the form's wrong_password answer. */
function passwordErrors(error: unknown): FormErrors {
  const code = (error as { body?: { code?: string } }).body?.code;
  if (code === "wrong_password")
    return { fields: { current_password: (error as Error).message }, message: null };
  return formErrors(error);
}

export function PasswordForm() {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const next = String(form.get("new_password") ?? "");
    setDone(null);
    if (next !== String(form.get("confirm_password") ?? "")) {
      setErrors({ fields: { confirm_password: "The two passwords are not the same." }, message: null });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const { signed_out_sessions: n } = await changePassword({
        current_password: String(form.get("current_password") ?? ""),
        new_password: next,
        sign_out_other_sessions: form.get("sign_out_others") === "on",
      });
      formElement.reset();
      if (n) await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
      setDone(
        n
          ? `Password changed. ${n} other ${n === 1 ? "device was" : "devices were"} signed out.`
          : "Password changed.",
      );
    } catch (error) {
      setErrors(passwordErrors(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="password-form">
      {errors.message ? <FormAlert>{errors.message}</FormAlert> : null}
      <TextField
        label="Current password"
        name="current_password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.fields.current_password}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="New password"
          name="new_password"
          type="password"
          autoComplete="new-password"
          required
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
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="sign_out_others"
          defaultChecked
          data-testid="password-sign-out-others"
          className="h-4 w-4 rounded border-slate-300 accent-indigo-600"
        />
        Sign out every other device
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy} data-testid="password-save" className="btn-primary">
          {busy ? "Changing…" : "Change password"}
        </button>
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {done ? <span data-testid="password-changed">{done}</span> : null}
        </span>
      </div>
    </form>
  );
}
