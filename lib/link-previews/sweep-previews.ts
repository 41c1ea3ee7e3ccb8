import { getDb, Prisma } from "../db/client.ts";
import { getStorage } from "../media/storage/index.ts";

const BATCH = 200;

/**
 * How long an expired preview nobody shows is kept. Only previewFor refreshes a row, and it gives the
 * row a new expiry first, so a row expired this long is not one a link_preview job is working on.
 */
const KEEP_AFTER_EXPIRY = "1 day";

/**
 * Deletes cached previews that expired a day ago and that no visible message shows (every message
 * linking them was deleted, removed by moderation, or edited to another link), with their images.
 * A row is deleted before its image: an image left behind when the storage fails is only bytes,
 * never a card pointing at nothing. Answers how many rows went.
 */
export async function sweepLinkPreviews(options: {
  log: (line: string) => void;
  signal?: AbortSignal;
}): Promise<number> {
  const storage = getStorage();
  let total = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const rows = await getDb().$queryRaw<{ image_key: string | null }[]>(Prisma.sql`
      DELETE FROM link_previews WHERE id IN (
        SELECT lp.id FROM link_previews lp
        WHERE lp.expires_at < now() - ${KEEP_AFTER_EXPIRY}::interval
          AND NOT EXISTS (
            SELECT 1 FROM messages m
            WHERE m.link_preview_id = lp.id AND m.deleted_at IS NULL AND m.moderated_at IS NULL)
        ORDER BY lp.id
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING image_key`);
    total += rows.length;
    for (const { image_key } of rows) {
      if (!image_key) continue;
      await storage
        .remove(image_key)
        .catch((error: Error) => options.log(`a preview image could not be removed (${error.message})`));
    }
    if (rows.length < BATCH) return total;
  }
}
