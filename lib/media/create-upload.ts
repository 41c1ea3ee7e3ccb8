import type { z } from "zod";
import { getConfig } from "../config/env.ts";
import { UPLOAD_URL_TTL } from "../config/media-config.ts";
import { getDb } from "../db/client.ts";
import { AppError } from "../http/app-error.ts";
import type { presignSchema } from "./schemas.ts";
import { getStorage } from "./storage/index.ts";

export type PresignAnswer = {
  id: number;
  url: string;
  method: "PUT";
  expires_in: number;
  headers: Record<string, string>;
  form_field?: string;
};

/** Registers a pending upload and answers where its bytes go. */
export async function createUpload(
  uploaderId: number,
  input: z.infer<typeof presignSchema>,
): Promise<PresignAnswer> {
  const { media } = getConfig();
  if (!media.allowedTypes.includes(input.content_type)) {
    throw new AppError(
      "content_type_not_allowed",
      422,
      `Files of type ${input.content_type} cannot be uploaded.`,
      {
        details: [{ field: "content_type", message: "this file type is not allowed" }],
      },
    );
  }
  if (input.size !== undefined && input.size > media.maxUploadBytes) {
    throw new AppError("file_too_large", 413, `Files can be at most ${media.maxUploadBytes} bytes.`, {
      details: [{ field: "size", message: `must be at most ${media.maxUploadBytes}` }],
    });
  }
  if (input.purpose === "avatar" && !input.content_type.startsWith("image/")) {
    throw new AppError("not_an_image", 422, "An avatar must be an image.");
  }
  const storage = getStorage();
  const db = getDb();
  const row = await db.attachment.create({
    data: {
      uploaderId,
      purpose: "message",
      storageKey: "",
      filename: input.filename,
      contentType: input.content_type,
      size: input.size ?? null,
    },
  });
  const spec = {
    id: row.id,
    filename: input.filename,
    contentType: input.content_type,
    size: input.size ?? null,
    maxBytes: media.maxUploadBytes,
  };
  const key = await storage.newKey(spec);
  await db.attachment.update({ where: { id: row.id }, data: { storageKey: key } });
  const target = await storage.uploadTarget({ ...spec, key, expiresIn: UPLOAD_URL_TTL });
  return {
    id: row.id,
    url: target.url,
    method: "PUT",
    expires_in: UPLOAD_URL_TTL,
    headers: target.headers,
    ...(target.formField ? { form_field: target.formField } : {}),
  };
}
