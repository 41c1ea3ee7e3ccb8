import type { Attachment } from "../db/generated/client.ts";
import { AppError } from "../http/app-error.ts";
import { findReadableAttachment } from "./access.ts";
import { completeUpload } from "./complete-upload.ts";
import { isShowable, servedContentType } from "./content-types.ts";
import { thumbnailFilename } from "./filename.ts";
import { getStorage } from "./storage/index.ts";
import { THUMBNAIL_TYPE } from "./thumbnail.ts";

export const DOWNLOAD_URL_TTL = 300;

export type LinkRequest = {
  userId: number;
  id: number;
  variant: "original" | "thumbnail";
  /** Asked for inline display; granted only for types that are safe to show. */
  inline: boolean;
};

export type DownloadLink = { id: number; url: string; expires_in: number };

function linkSpec(a: Attachment, variant: LinkRequest["variant"], inline: boolean) {
  if (variant === "thumbnail") {
    if (!a.thumbnailKey) throw new AppError("no_thumbnail", 404, "This file has no thumbnail.");
    return {
      key: a.thumbnailKey,
      filename: thumbnailFilename(a.filename),
      contentType: THUMBNAIL_TYPE,
      disposition: "inline" as const,
    };
  }
  return {
    key: a.storageKey,
    filename: a.filename,
    contentType: servedContentType(a.contentType),
    disposition: inline && isShowable(a.contentType) ? ("inline" as const) : ("attachment" as const),
  };
}

/** A short-lived signed link to a file the user may read (the uploader's own unfinished S3 upload is completed first). */
export async function downloadLink(request: LinkRequest): Promise<DownloadLink> {
  let attachment = await findReadableAttachment(request.userId, request.id);
  if (attachment.status !== "ready") attachment = await completeUpload(attachment);
  const spec = linkSpec(attachment, request.variant, request.inline);
  const url = await getStorage().downloadUrl({
    id: attachment.id,
    variant: request.variant,
    expiresIn: DOWNLOAD_URL_TTL,
    ...spec,
  });
  return { id: attachment.id, url, expires_in: DOWNLOAD_URL_TTL };
}
