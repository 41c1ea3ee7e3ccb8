"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { confirmEmailChange, requestEmailChange } from "@/lib/client/account.ts";
import { type FormErrors, formErrors } from "@/lib/client/profile.ts";
import { FormAlert } from "../form-alert.tsx";
import { TextField } from "../text-field.tsx";

const NO_ERRORS: FormErrors = { fields: {}, message: null };
const FIELD_OF: Record<string, string> = {
  wrong_password: "password",
  email_taken: "new_email",
  same_email: "new_email",
};

function emailErrors(error: unknown): FormErrors {
  const code = (error as { body?: { code?: string } }).body?.code ?? "";
  const field = FIELD_OF[code] ?? (code.includes("code") ? "code" : null);
  return field ? { fields: { [field]: (error as Error).message }, message: null } : formErrors(error);
}

/** Two steps: the new address and the password, then the code mailed to that address. */
export function EmailForm() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [pending, setPending] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await action();
    } catch (error) {
      setErrors(emailErrors(error));
    } finally {
      setBusy(false);
    }
  }

  function onRequest(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setDone(null);
    return run(async () => {
      const { new_email } = await requestEmailChange(
        String(form.get("new_email") ?? "").trim(),
        String(form.get("password") ?? ""),
      );
      setPending(new_email);
    });
  }

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    return run(async () => {
      const me = await confirmEmailChange(code);
      setPending(null);
      setDone(`Your e-mail is now ${me.email}.`);
      router.refresh();
    });
  }

  if (pending) {
    return (
      <form onSubmit={onConfirm} noValidate className="space-y-4" data-testid="email-confirm-form">
        <p className="text-sm">
          We sent a 6-digit code to <strong className="break-all">{pending}</strong>. Enter it to use that
          address; until then your e-mail stays as it is.
        </p>
        {errors.message ? <FormAlert>{errors.message}</FormAlert> : null}
        <TextField
          label="Code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          autoFocus
          error={errors.fields.code}
          data-testid="email-code-input"
        />
        <div className="flex flex-wrap gap-3">
          <button type="submit" disabled={busy} className="btn-primary" data-testid="email-confirm">
            {busy ? "Checking…" : "Confirm"}
          </button>
          <button type="button" className="btn-secondary" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  return (
    <form onSubmit={onRequest} noValidate className="space-y-4" data-testid="email-form">
      {errors.message ? <FormAlert>{errors.message}</FormAlert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="New e-mail"
          name="new_email"
          type="email"
          autoComplete="email"
          required
          error={errors.fields.new_email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.fields.password}
          data-testid="email-password-input"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy} className="btn-primary" data-testid="email-request">
          {busy ? "Sending…" : "Send a code"}
        </button>
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {done ? <span data-testid="email-changed">{done}</span> : null}
        </span>
      </div>
    </form>
  );
}
