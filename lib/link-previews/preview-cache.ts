import { randomUUID } from "node:crypto";
import { getConfig } from "../config/env.ts";
import { getDb, Prisma } from "../db/client.ts";
import type { LinkPreview } from "../db/generated/client.ts";
import { getStorage } from "../media/storage/index.ts";
import { THUMBNAIL_TYPE } from "../media/thumbnail.ts";
import { LinkFetchError } from "./fetch-error.ts";
import { fetchPreview } from "./fetch-preview.ts";
import { normaliseUrl } from "./first-link.ts";

const NOTHING = {
  title: null,
  description: null,
  siteName: null,
  imageKey: null,
  imageWidth: null,
  imageHeight: null,
};

/** What to store for a URL: the fetched preview (its image written to storage), or a failure. */
async function fetchRow(urlKey: string, log: (line: string) => void) {
  const config = getConfig().linkPreviews;
  const now = Date.now();
  try {
    const fetched = await fetchPreview(urlKey, config);
    const imageKey = fetched.image
      ? await getStorage().write(`link-previews/${randomUUID()}.webp`, fetched.image.data, THUMBNAIL_TYPE)
      : null;
    return {
      ok: true,
      title: fetched.title,
      description: fetched.description,
      siteName: fetched.siteName,
      imageKey,
      imageWidth: fetched.image?.width ?? null,
      imageHeight: fetched.image?.height ?? null,
      fetchedAt: new Date(now),
      expiresAt: new Date(now + config.cacheSeconds * 1000),
    };
  } catch (error) {
    if (!(error instanceof LinkFetchError)) throw error;
    // The host, not the whole URL: a link's path and query may be private to the chat.
    log(`no preview for ${new URL(urlKey).host}: ${error.reason} (${error.message})`);
    return {
      ok: false,
      ...NOTHING,
      fetchedAt: new Date(now),
      expiresAt: new Date(now + config.failureCacheSeconds * 1000),
    };
  }
}

/** Removes an image no row points at; a failure only leaves a file behind. */
async function removeImage(key: string | null | undefined, log: (line: string) => void) {
  if (!key) return;
  await getStorage()
    .remove(key)
    .catch(() => log("an unused preview image could not be removed"));
}

/**
 * The preview of a URL from the cache while it is fresh (24 h; a failure 10 min), else fetched and
 * stored under its normalised URL — refreshed in place, so messages linking it keep their link.
 *
 * Two jobs may fetch the same URL at once (two chats share a link). The first to store it wins:
 * the row is created once, or refreshed only while it is still the stale one this job read, and the
 * loser's image is removed, so every stored image belongs to a row.
 */
export async function previewFor(link: string, log: (line: string) => void): Promise<LinkPreview> {
  const db = getDb();
  const urlKey = normaliseUrl(link);
  const cached = await db.linkPreview.findUnique({ where: { urlKey } });
  if (cached && cached.expiresAt > new Date()) return cached;
  const fetched = await fetchRow(urlKey, log);
  const won = cached ? await refresh(cached, fetched) : await create(urlKey, fetched);
  if (!won) {
    await removeImage(fetched.imageKey, log);
    return db.linkPreview.findUniqueOrThrow({ where: { urlKey } });
  }
  if (cached?.imageKey && cached.imageKey !== won.imageKey) await removeImage(cached.imageKey, log);
  return won;
}

type Fetched = Awaited<ReturnType<typeof fetchRow>>;

/** The written row, or null when another job stored the URL first (the error code that tells so). */
async function unlessRaced(
  code: "P2002" | "P2025",
  write: Promise<LinkPreview>,
): Promise<LinkPreview | null> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === code) return null;
    throw error;
  }
}

/** A new row; P2002: the URL's row was created meanwhile. */
const create = (urlKey: string, fetched: Fetched) =>
  unlessRaced("P2002", getDb().linkPreview.create({ data: { urlKey, url: urlKey, ...fetched } }));

/** The row refreshed while it is still the stale one read; P2025: another job refreshed it first. */
function refresh(cached: LinkPreview, fetched: Fetched) {
  // A refresh that fails keeps the preview it had (stale beats an empty card) and tries again later.
  const data = !fetched.ok && cached.ok ? { expiresAt: fetched.expiresAt } : fetched;
  return unlessRaced(
    "P2025",
    getDb().linkPreview.update({ where: { id: cached.id, fetchedAt: cached.fetchedAt }, data }),
  );
}
