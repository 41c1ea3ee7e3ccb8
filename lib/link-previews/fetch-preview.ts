import type { LinkPreviewConfig } from "../config/link-preview-config.ts";
import { SNIFF_BYTES, sniffContentType } from "../media/sniff.ts";
import { makeThumbnail, type Thumbnail } from "../media/thumbnail.ts";
import { LinkFetchError } from "./fetch-error.ts";
import { decodeHtml, type PageMeta, parsePage } from "./parse-page.ts";
import { safeFetch } from "./safe-fetch.ts";

export type FetchedPreview = Omit<PageMeta, "imageUrl"> & { image: Thumbnail | null };

type Limits = Pick<LinkPreviewConfig, "allowHosts" | "timeoutMs" | "maxHtmlBytes" | "maxImageBytes">;

const RASTER = new Set(["image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"]);

/**
 * The image, by the same SSRF rules as the page, proven a raster image by its first bytes (not by
 * the header: SVG and mislabelled files are dropped) and re-encoded as a small WebP by sharp, so
 * what stu serves is never the site's own bytes. No image (or a bad one) keeps the preview without.
 */
async function fetchImage(url: string, limits: Limits, signal: AbortSignal): Promise<Thumbnail | null> {
  try {
    const fetched = await safeFetch(new URL(url), {
      allowHosts: limits.allowHosts,
      maxBytes: limits.maxImageBytes,
      signal,
      accept: "image/*",
      accepts: (type) => type.startsWith("image/"),
    });
    const sniffed = sniffContentType(fetched.body.subarray(0, SNIFF_BYTES));
    if (!sniffed || !RASTER.has(sniffed)) return null;
    return await makeThumbnail(fetched.body);
  } catch (error) {
    if (error instanceof LinkFetchError) return null;
    throw error;
  }
}

/**
 * A link's preview from the page itself: its HTML (only text/html is read) and its image, all
 * within one time limit. Throws LinkFetchError when the page cannot be had or has nothing to show.
 */
export async function fetchPreview(link: string, limits: Limits): Promise<FetchedPreview> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const page = await safeFetch(new URL(link), {
    allowHosts: limits.allowHosts,
    maxBytes: limits.maxHtmlBytes,
    signal,
    accept: "text/html,application/xhtml+xml;q=0.9",
    accepts: (type) => type.startsWith("text/html") || type.startsWith("application/xhtml+xml"),
  });
  const meta = parsePage(decodeHtml(page.body, page.contentType), page.url);
  if (!meta.title && !meta.description) throw new LinkFetchError("bad_content_type", "nothing to preview");
  const image = meta.imageUrl ? await fetchImage(meta.imageUrl, limits, signal) : null;
  // Without og:site_name the card names the host, as other messengers do.
  const siteName = meta.siteName ?? page.url.hostname.replace(/^www\./, "");
  return { title: meta.title, description: meta.description, siteName, image };
}
