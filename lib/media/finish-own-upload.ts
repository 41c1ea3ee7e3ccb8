import { getDb } from "../db/client.ts";
import { notFound } from "../http/app-error.ts";
import { type AttachmentView, toAttachment } from "./attachment-view.ts";
import { completeUpload } from "./complete-upload.ts";

/** Completes one of the caller's uploads and answers it as a message would carry it. */
export async function finishOwnUpload(userId: number, id: number): Promise<AttachmentView> {
  const row = await getDb().attachment.findUnique({ where: { id } });
  if (!row || row.uploaderId !== userId) throw notFound("upload");
  return toAttachment(await completeUpload(row));
}
