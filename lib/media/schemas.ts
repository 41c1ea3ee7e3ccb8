import { z } from "zod";
import { text } from "../http/text.ts";
import { normaliseContentType } from "./content-types.ts";
import { MAX_FILENAME_LENGTH, sanitiseFilename } from "./filename.ts";

export const MAX_ATTACHMENTS = 10;

export const attachmentIdSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

// The type allow-list and the size limit are configuration: create-upload.ts checks them.
export const presignSchema = z
  .object({
    filename: text()
      .max(1024, "must be at most 1024 characters")
      .transform(sanitiseFilename)
      .pipe(z.string().max(MAX_FILENAME_LENGTH)),
    content_type: text().min(1, "is required").max(255).transform(normaliseContentType),
    // Optional (api-contract.md does not send it): without it the upload is bounded by MAX_UPLOAD_BYTES.
    size: z.number().int("must be a whole number of bytes").min(1, "must be at least 1 byte").optional(),
    purpose: z.enum(["message", "avatar"]).default("message"),
  })
  .strict();

export const mediaLinkSchema = z.object({
  inline: z
    .enum(["1", "0", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

/** The query of a signed URL of the local driver. */
export const signedQuerySchema = z.object({
  expires: z.coerce.number().int().positive(),
  sig: z.string().min(1).max(128),
  variant: z.enum(["original", "thumbnail"]).default("original"),
  disposition: z.enum(["inline", "attachment"]).default("attachment"),
});

/** Attachment ids of a message: distinct, at most 10. */
export const messageAttachmentsSchema = z
  .array(attachmentIdSchema)
  .max(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} attachments`)
  .refine((ids) => new Set(ids).size === ids.length, "must not repeat an attachment")
  .optional();
