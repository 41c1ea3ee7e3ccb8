import { getDb } from "../db/client.ts";
import { AppError, conflict } from "../http/app-error.ts";
import { thumbnailPath } from "./attachment-view.ts";
import { completeUpload } from "./complete-upload.ts";

/**
 * Turns the user's own image upload into an avatar (readable by every signed-in user) and answers
 * the avatar_url to store: the thumbnail's stable path.
 */
export async function avatarFromUpload(userId: number, attachmentId: number): Promise<string> {
  const db = getDb();
  const row = await db.attachment.findUnique({ where: { id: attachmentId } });
  if (!row || row.uploaderId !== userId || row.status === "expired") {
    throw new AppError("invalid_attachment", 422, `Attachment ${attachmentId} is not one of your uploads.`, {
      details: [{ field: "avatar_id", message: "is not one of your uploads" }],
    });
  }
  const inUse = () => conflict("attachment_in_use", "This upload was already sent in a message.");
  if (row.messageId !== null) throw inUse();
  const ready = await completeUpload(row);
  if (!ready.thumbnailKey) {
    throw new AppError("not_an_image", 422, "An avatar must be a JPEG, PNG, GIF, WebP or AVIF image.", {
      details: [{ field: "avatar_id", message: "is not an image" }],
    });
  }
  const { count } = await db.attachment.updateMany({
    where: { id: attachmentId, messageId: null, status: "ready" },
    data: { purpose: "avatar" },
  });
  if (!count) throw inUse();
  return thumbnailPath(attachmentId);
}
