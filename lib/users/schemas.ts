import { z } from "zod";
import { codeSchema, emailSchema, usernameSchema } from "../auth/schemas.ts";
import { text } from "../http/text.ts";

export const updateMeSchema = z
  .object({
    username: usernameSchema.optional(),
    display_name: text()
      .trim()
      .min(1, "must not be empty")
      .max(64, "must be at most 64 characters")
      .optional(),
    avatar_url: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
      .max(2048)
      .nullable()
      .optional(),
    // One of the caller's image uploads; avatar_url becomes its thumbnail path. null clears it.
    avatar_id: z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1)
      .nullable()
      .optional(),
  })
  .strict()
  .refine((b) => b.avatar_id === undefined || b.avatar_url === undefined, {
    message: "send avatar_id or avatar_url, not both",
    path: ["avatar_id"],
  });

export const searchUsersSchema = z.object({
  query: text().trim().min(1, "is required").max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const userIdSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

export const changeEmailSchema = z.object({
  new_email: emailSchema,
  password: text().min(1, "is required").max(128),
});
export const confirmEmailSchema = z.object({ code: codeSchema });
export const deleteAccountSchema = z.object({ password: text().min(1, "is required").max(128) });
