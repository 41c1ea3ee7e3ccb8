import { getDb } from "../db/client.ts";
import { AppError, conflict } from "../http/app-error.ts";
import { completeUpload } from "./complete-upload.ts";

const notYours = (id: number) =>
  new AppError("invalid_attachment", 422, `Attachment ${id} is not one of your uploads.`, {
    details: [{ field: "attachments", message: `${id} is not one of your uploads` }],
  });

/**
 * Checks that every id is the sender's own finished upload not used anywhere yet (finishing S3 and
 * UploadThing uploads on the way). The send statement claims them again atomically; this is what
 * gives the clear error in the usual case.
 */
export async function checkAttachable(senderId: number, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const rows = await getDb().attachment.findMany({ where: { id: { in: ids } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || row.uploaderId !== senderId) throw notYours(id);
    if (row.status === "expired") {
      throw new AppError("upload_expired", 422, `Attachment ${id} was never sent and has been deleted.`, {
        details: [{ field: "attachments", message: `${id} has expired; upload the file again` }],
      });
    }
    if (row.messageId !== null || row.purpose !== "message") {
      throw conflict("attachment_in_use", `Attachment ${id} was already sent or is used as an avatar.`);
    }
    if (row.status !== "ready") await completeUpload(row);
  }
}
