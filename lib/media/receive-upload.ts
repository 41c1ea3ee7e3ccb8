import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { type AttachmentView, toAttachment } from "./attachment-view.ts";
import { completeUpload } from "./complete-upload.ts";
import { mediaTypeOfHeader } from "./content-types.ts";
import { checkGrant } from "./signing.ts";
import { getLocalStorage } from "./storage/index.ts";

export type IncomingUpload = {
  id: number;
  expires: number;
  sig: string;
  contentType: string | null;
  contentLength: string | null;
  body: ReadableStream<Uint8Array> | null;
};

// The rest of a refused body stays unread on the socket, so that connection must not be reused.
const tooLarge = (limit: number, declared: boolean) =>
  new AppError(
    "upload_too_large",
    413,
    declared
      ? `The upload is larger than the declared ${limit} bytes.`
      : `The upload is larger than the limit of ${limit} bytes.`,
    { headers: { Connection: "close" } },
  );

/** Streams the body to disk, counting bytes: never more than `limit` is accepted or buffered. */
async function streamToFile(
  body: ReadableStream<Uint8Array>,
  file: string,
  limit: number,
  declared: boolean,
): Promise<number> {
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > limit ? tooLarge(limit, declared) : null, chunk);
    },
  });
  await mkdir(path.dirname(file), { recursive: true });
  await pipeline(Readable.fromWeb(body as never), counter, createWriteStream(file, { flags: "wx" }));
  return received;
}

/**
 * PUT of a signed upload URL of the local driver. The signature is the capability (no session);
 * the URL works once: it is claimed before reading the body and released only if the bytes are
 * refused, so the client may try again with the same URL until it expires.
 */
export async function receiveUpload(upload: IncomingUpload): Promise<AttachmentView> {
  const storage = getLocalStorage();
  if (!storage) throw notFound("upload");
  const grant = {
    method: "PUT",
    id: upload.id,
    variant: "upload",
    disposition: "attachment",
    expires: upload.expires,
  } as const;
  const check = checkGrant(grant, upload.sig, getConfig().authSecret);
  if (check === "bad_signature")
    throw new AppError("invalid_signature", 403, "This upload URL is not valid.");
  if (check === "expired") {
    throw new AppError("upload_url_expired", 403, "This upload URL has expired; request a new one.");
  }

  const db = getDb();
  const claimed = await db.attachment.updateMany({
    where: { id: upload.id, status: "pending", uploadTokenUsedAt: null },
    data: { uploadTokenUsedAt: new Date() },
  });
  if (!claimed.count) {
    const row = await db.attachment.findUnique({ where: { id: upload.id }, select: { status: true } });
    if (!row || row.status === "expired") throw notFound("upload");
    throw new AppError("upload_url_used", 409, "This upload URL was already used.");
  }
  const attachment = await db.attachment.findUniqueOrThrow({ where: { id: upload.id } });
  const release = () =>
    db.attachment.updateMany({
      where: { id: upload.id, status: "pending" },
      data: { uploadTokenUsedAt: null },
    });

  const final = storage.pathOf(attachment.storageKey);
  const part = storage.partPath(attachment.storageKey);
  try {
    if (upload.contentType?.trim() && mediaTypeOfHeader(upload.contentType) !== attachment.contentType) {
      throw new AppError(
        "content_type_mismatch",
        422,
        `Send the file with Content-Type: ${attachment.contentType}, as declared.`,
      );
    }
    const declared = attachment.size !== null;
    const limit = attachment.size ?? getConfig().media.maxUploadBytes;
    if (upload.contentLength !== null && Number(upload.contentLength) > limit)
      throw tooLarge(limit, declared);
    const received = upload.body ? await streamToFile(upload.body, part, limit, declared) : 0;
    if (declared && received < limit) {
      throw new AppError(
        "upload_incomplete",
        422,
        `Only ${received} of the declared ${limit} bytes arrived; upload the whole file.`,
      );
    }
    if (received === 0) throw new AppError("upload_empty", 422, "The upload has no bytes; send the file.");
    await rename(part, final);
    return toAttachment(await completeUpload(attachment));
  } catch (error) {
    await rm(part, { force: true });
    await release();
    throw error;
  }
}
