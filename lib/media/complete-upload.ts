import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import type { Attachment } from "../db/generated/client.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { isSniffChecked, RASTER_IMAGE_TYPES } from "./content-types.ts";
import { SNIFF_BYTES, sniffContentType } from "./sniff.ts";
import { getStorage } from "./storage/index.ts";
import { makeThumbnail, THUMBNAIL_TYPE } from "./thumbnail.ts";

export const notFinished = () =>
  new AppError("upload_not_finished", 422, "The file of this upload has not been uploaded yet.");

/** The stored size is what was declared, or (undeclared) within MAX_UPLOAD_BYTES; an error otherwise. */
function sizeProblem(attachment: Attachment, size: number | null): AppError | null {
  if (attachment.size !== null) {
    if (size === attachment.size) return null;
    return new AppError(
      "upload_size_mismatch",
      422,
      `The upload has ${size} bytes but ${attachment.size} were declared; upload it again.`,
    );
  }
  const limit = getConfig().media.maxUploadBytes;
  if (size !== null && size > limit) {
    return new AppError("upload_too_large", 413, `The upload is larger than the limit of ${limit} bytes.`);
  }
  if (!size) return new AppError("upload_empty", 422, "The upload has no bytes; upload the file again.");
  return null;
}

/**
 * Checks stored bytes against what was declared (size, or the size limit when none was declared;
 * magic bytes for images), records the size and makes the thumbnail. Bytes that fail a check are
 * deleted and the upload stays pending. The local driver calls this when the PUT ends; for S3 and
 * UploadThing the bytes bypass the app, so it runs when the upload is first used (sent, made an
 * avatar, fetched) or on POST /v1/attachments/{id}/complete.
 */
export async function completeUpload(attachment: Attachment): Promise<Attachment> {
  if (attachment.status === "ready") return attachment;
  if (attachment.status === "expired") throw notFound("upload");
  const storage = getStorage();
  const key = await storage.seal(attachment.storageKey);
  if (key === null) throw notFinished();
  const reject = async (error: AppError): Promise<never> => {
    await storage.remove(key);
    throw error;
  };

  const size = await storage.size(key);
  const problem = sizeProblem(attachment, size);
  if (problem) await reject(problem);
  if (isSniffChecked(attachment.contentType)) {
    const found = sniffContentType(await storage.readStart(key, SNIFF_BYTES));
    if (found !== attachment.contentType) {
      await reject(
        new AppError(
          "content_mismatch",
          422,
          `The file is not a ${attachment.contentType} image${found ? ` (it looks like ${found})` : ""}.`,
        ),
      );
    }
  }

  let preview: { thumbnailKey: string; width: number; height: number } | null = null;
  if (RASTER_IMAGE_TYPES.has(attachment.contentType)) {
    const thumbnail = await makeThumbnail(await storage.readAll(key));
    if (thumbnail) {
      const thumbnailKey = await storage.write(`${key}.thumb.webp`, thumbnail.data, THUMBNAIL_TYPE);
      preview = { thumbnailKey, width: thumbnail.sourceWidth, height: thumbnail.sourceHeight };
    }
  }

  const db = getDb();
  // Two first uses may race to complete the same upload; the first one to get here wins.
  const { count } = await db.attachment.updateMany({
    where: { id: attachment.id, status: "pending" },
    data: { status: "ready", storageKey: key, size, ...preview },
  });
  const stored = await db.attachment.findUnique({ where: { id: attachment.id } });
  if (!count && (!stored || stored.status === "expired")) {
    // The sweep took the upload meanwhile and deletes what its row names; these copies are ours.
    if (key !== attachment.storageKey) await storage.remove(key);
    if (preview) await storage.remove(preview.thumbnailKey);
    throw notFound("upload");
  }
  if (!count && stored!.status !== "ready") throw notFinished();
  return stored!;
}
