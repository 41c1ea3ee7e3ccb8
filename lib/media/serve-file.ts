import { Readable } from "node:stream";
import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import { AppError, notFound } from "../http/app-error.ts";
import { servedContentType } from "./content-types.ts";
import { contentDisposition, thumbnailFilename } from "./filename.ts";
import { checkGrant, type SignedGrant } from "./signing.ts";
import { getLocalStorage } from "./storage/index.ts";
import { THUMBNAIL_TYPE } from "./thumbnail.ts";

export type FileRequest = Omit<SignedGrant, "method"> & { sig: string; range: string | null; head: boolean };

/** Headers every served file carries: it is data, never a page or a script of our origin. */
const SAFE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Referrer-Policy": "no-referrer",
};

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range within the file; null to send everything. */
function parseRange(header: string | null, size: number): { start: number; end: number } | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const [start, end] =
    match[1] === ""
      ? [Math.max(0, size - Number(match[2])), size - 1]
      : [Number(match[1]), match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1)];
  if (start > end || start >= size) {
    throw new AppError("range_not_satisfiable", 416, "The requested range is outside the file.", {
      headers: { "Content-Range": `bytes */${size}` },
    });
  }
  return { start, end };
}

/** GET of a signed file URL of the local driver: the signature is the capability. */
export async function serveFile(request: FileRequest): Promise<Response> {
  const storage = getLocalStorage();
  if (!storage) throw notFound("file");
  const check = checkGrant({ ...request, method: "GET" }, request.sig, getConfig().authSecret);
  if (check === "bad_signature")
    throw new AppError("invalid_signature", 403, "This download link is not valid.");
  if (check === "expired") throw new AppError("link_expired", 403, "This download link has expired.");

  const a = await getDb().attachment.findUnique({ where: { id: request.id } });
  const key = request.variant === "thumbnail" ? a?.thumbnailKey : a?.storageKey;
  if (a?.status !== "ready" || !key) throw notFound("file");
  const size = await storage.size(key);
  if (size === null) throw notFound("file");

  const thumbnail = request.variant === "thumbnail";
  const filename = thumbnail ? thumbnailFilename(a.filename) : a.filename;
  const range = parseRange(request.range, size);
  const length = range ? range.end - range.start + 1 : size;
  const headers: Record<string, string> = {
    ...SAFE_HEADERS,
    "Content-Type": thumbnail ? THUMBNAIL_TYPE : servedContentType(a.contentType),
    "Content-Length": String(length),
    "Content-Disposition": contentDisposition(request.disposition, filename),
    "Accept-Ranges": "bytes",
    // The URL itself expires; until then the bytes behind it never change.
    "Cache-Control": "private, max-age=300, immutable",
  };
  if (range) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${size}`;
  const body = request.head
    ? null
    : (Readable.toWeb(storage.stream(key, range ?? undefined)) as ReadableStream);
  return new Response(body, { status: range ? 206 : 200, headers });
}
