import { z } from "zod";
import { text } from "../http/text.ts";

export const emailSchema = text()
  .trim()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ message: "must be an e-mail address" }))
  .transform((email) => email.toLowerCase());

export const passwordSchema = text()
  .min(8, "must be at least 8 characters")
  .max(128, "must be at most 128 characters");

export const usernameSchema = text()
  .trim()
  .transform((name) => name.toLowerCase())
  .pipe(
    z
      .string()
      .regex(/^[a-z][a-z0-9_]{2,31}$/, "must be 3-32 letters, digits or underscores, starting with a letter"),
  );

export const codeSchema = text()
  .trim()
  .regex(/^\d{6}$/, "must be the 6-digit code from the e-mail");

const deviceFields = {
  device_name: text().trim().max(100).optional(),
  platform: text().trim().max(40).optional(),
};

export const registerSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  username: usernameSchema.optional(),
  display_name: text().trim().max(64).optional(),
});

export const verifySchema = z.object({ email: emailSchema, code: codeSchema, ...deviceFields });
export const resendSchema = z.object({ email: emailSchema });
export const loginSchema = z.object({
  email: emailSchema,
  password: text().min(1, "is required").max(128),
  ...deviceFields,
});
export const refreshTokenSchema = z.object({ refresh_token: text().min(1, "is required").max(200) });

export const forgotPasswordSchema = z.object({ email: emailSchema });

// The mailed link's token, or the e-mail with the mailed code (for apps that cannot open the link).
export const resetPasswordSchema = z
  .object({
    token: text().trim().min(1, "is required").max(200).optional(),
    email: emailSchema.optional(),
    code: codeSchema.optional(),
    new_password: passwordSchema,
  })
  .superRefine((b, ctx) => {
    if (b.token) return;
    if (!b.email) ctx.addIssue({ code: "custom", path: ["email"], message: "send token, or email and code" });
    if (!b.code) ctx.addIssue({ code: "custom", path: ["code"], message: "send token, or email and code" });
  });

export const changePasswordSchema = z.object({
  current_password: text().min(1, "is required").max(128),
  new_password: passwordSchema,
  // Like Telegram and Signal: a new password ends every other session unless the user says otherwise.
  sign_out_other_sessions: z.boolean().default(true),
});
