import { getDb } from "../db/client.ts";
import { notFound } from "../http/app-error.ts";
import { getStorage } from "../media/storage/index.ts";
import { THUMBNAIL_TYPE } from "../media/thumbnail.ts";

/**
 * A preview's image, from stu's storage, to someone who can see a message linking it (anyone else
 * gets a 404, as for a file they may not read). Bytes stu re-encoded itself, served as data only.
 */
export async function previewImage(userId: number, previewId: number): Promise<Response> {
  const preview = await getDb().linkPreview.findFirst({
    where: {
      id: previewId,
      imageKey: { not: null },
      messages: { some: { deletedAt: null, moderatedAt: null, chat: { members: { some: { userId } } } } },
    },
    select: { imageKey: true },
  });
  if (!preview?.imageKey) throw notFound("image");
  const data = await getStorage()
    .readAll(preview.imageKey)
    .catch(() => {
      throw notFound("image");
    });
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": THUMBNAIL_TYPE,
      "Content-Length": String(data.length),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
      // A refresh may replace the image; the access check must run again after a while.
      "Cache-Control": "private, max-age=3600",
    },
  });
}
