import { getDb, Prisma } from "../db/client.ts";
import { getStorage } from "./storage/index.ts";

const BATCH = 100;

export type SweepResult = { expired: number; removed: number };

/**
 * Marks uploads that were never sent (no message, not an avatar) and untouched for `retentionSeconds`
 * as expired. One statement with the send's claim: both lock the row (FOR UPDATE), the send claims
 * only ready rows and the sweep skips locked ones, so a row is either sent or expired, never both.
 * Retention counts from the last PUT too, so an upload still arriving is not taken. Database time.
 */
async function expireUnsent(retentionSeconds: number, signal?: AbortSignal): Promise<number> {
  let total = 0;
  for (;;) {
    signal?.throwIfAborted();
    const count = await getDb().$executeRaw(Prisma.sql`
      UPDATE attachments SET status = 'expired'
      WHERE id IN (
        SELECT id FROM attachments
        WHERE message_id IS NULL AND purpose = 'message' AND status <> 'expired'
          AND created_at < now() - make_interval(secs => ${retentionSeconds})
          AND (upload_token_used_at IS NULL OR upload_token_used_at < now() - make_interval(secs => ${retentionSeconds}))
        ORDER BY id
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      )`);
    total += count;
    if (count < BATCH) return total;
  }
}

/**
 * Deletes the bytes of expired uploads, then their rows. A row whose bytes could not be deleted
 * stays expired (unreachable) and is tried again by the next sweep.
 */
async function removeExpired(
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<{ removed: number; failed: number }> {
  const db = getDb();
  const storage = getStorage();
  let [removed, failed, after] = [0, 0, 0];
  for (;;) {
    const rows = await db.attachment.findMany({
      where: { status: "expired", id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, storageKey: true, thumbnailKey: true },
    });
    if (!rows.length) return { removed, failed };
    after = rows.at(-1)!.id;
    const done: number[] = [];
    for (const row of rows) {
      if (signal?.aborted) break;
      try {
        // A key is empty only when presign failed between creating the row and naming its key.
        for (const key of [row.storageKey, row.thumbnailKey]) if (key) await storage.remove(key);
        done.push(row.id);
      } catch (error) {
        failed++;
        log(`upload ${row.id}: could not delete its bytes (${(error as Error).message}); will retry`);
      }
    }
    removed += (await db.attachment.deleteMany({ where: { id: { in: done }, status: "expired" } })).count;
    signal?.throwIfAborted();
  }
}

/**
 * The upload sweep: unsent uploads older than the retention are removed with their bytes. Fails
 * (so the job queue retries it) when some bytes could not be deleted or `signal` stopped it early;
 * whatever it had done stays done.
 */
export async function sweepUnsentUploads(options: {
  retentionSeconds: number;
  log: (line: string) => void;
  signal?: AbortSignal;
}): Promise<SweepResult> {
  const expired = await expireUnsent(options.retentionSeconds, options.signal);
  const { removed, failed } = await removeExpired(options.log, options.signal);
  if (failed) throw new Error(`${failed} expired uploads could not be deleted; the sweep will retry`);
  return { expired, removed };
}
