import { getDb } from "../db/client.ts";
import type { Attachment } from "../db/generated/client.ts";

export type AttachmentView = {
  id: number;
  filename: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbnail_url: string | null;
  has_thumbnail: boolean;
};

/** Stable app paths; each answers a redirect to a fresh short-lived link after an access check. */
export const downloadPath = (id: number) => `/v1/media/${id}/download`;
export const thumbnailPath = (id: number) => `/v1/media/${id}/thumbnail`;

/** The columns a view is made of (history reads just these). */
export type AttachmentFields = Pick<
  Attachment,
  "id" | "filename" | "contentType" | "size" | "width" | "height" | "thumbnailKey"
>;

export function toAttachment(a: AttachmentFields): AttachmentView {
  const hasThumbnail = a.thumbnailKey !== null;
  return {
    id: a.id,
    filename: a.filename,
    content_type: a.contentType,
    // Views are of finished uploads, whose size is always known.
    size: a.size ?? 0,
    width: a.width,
    height: a.height,
    url: downloadPath(a.id),
    thumbnail_url: hasThumbnail ? thumbnailPath(a.id) : null,
    has_thumbnail: hasThumbnail,
  };
}

/** Attachments of many messages in one query, by message id, in upload order. */
export async function attachmentsByMessage(messageIds: number[]): Promise<Map<number, AttachmentView[]>> {
  const byMessage = new Map<number, AttachmentView[]>();
  if (!messageIds.length) return byMessage;
  const rows = await getDb().attachment.findMany({
    where: { messageId: { in: [...new Set(messageIds)] } },
    orderBy: { id: "asc" },
  });
  for (const row of rows) {
    const list = byMessage.get(row.messageId!) ?? [];
    list.push(toAttachment(row));
    byMessage.set(row.messageId!, list);
  }
  return byMessage;
}
