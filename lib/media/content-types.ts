import { parse as parseContentType } from "content-type";

/** Raster images whose magic bytes are checked against the declared type, and which get thumbnails. */
export const RASTER_IMAGE_TYPES = new Set([
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "image/avif",
]);

// Types browsers display without running anything: only these may be shown inline.
const SHOWABLE_TYPES = new Set([
  ...RASTER_IMAGE_TYPES,
  "video/mp4",
  "video/webm",
  "video/quicktime",
  "audio/mpeg",
  "audio/ogg",
  "audio/wav",
  "audio/webm",
  "audio/mp4",
  "audio/aac",
]);

export function isShowable(contentType: string): boolean {
  return SHOWABLE_TYPES.has(contentType);
}

/** Magic bytes are checked for raster images and for the image families with an ISO-BMFF header. */
export function isSniffChecked(contentType: string): boolean {
  return RASTER_IMAGE_TYPES.has(contentType) || contentType === "image/heic";
}

/**
 * The Content-Type a download is served with. Anything a browser could interpret as a document
 * (HTML, SVG, XML, scripts, any text) goes out as opaque bytes, so an upload can never become a
 * page on some origin even if a browser ignores Content-Disposition.
 */
export function servedContentType(contentType: string): string {
  if (SHOWABLE_TYPES.has(contentType)) return contentType;
  if (/^text\/|html|xml|svg|script/.test(contentType)) return "application/octet-stream";
  return contentType;
}

/** Normalises a declared media type: lower case, parameters (charset…) dropped. */
export function normaliseContentType(raw: string): string {
  return raw.split(";")[0]!.trim().toLowerCase();
}

/** Splits a header value at commas that are not inside a quoted parameter value. */
function splitHeaderList(value: string): string[] {
  return (value.match(/(?:[^,"]|"(?:[^"\\]|\\.)*")+/g) ?? []).map((v) => v.trim()).filter(Boolean);
}

/**
 * The media type of a Content-Type request header, parameters dropped; null when it is not one
 * valid media type. A client may send the header twice (fetch joins the answered headers and a
 * lower-case copy into "image/png, image/png"): repetitions of one type count as that type.
 */
export function mediaTypeOfHeader(header: string): string | null {
  const types = new Set<string>();
  for (const value of splitHeaderList(header)) {
    try {
      types.add(parseContentType(value).type);
    } catch {
      return null;
    }
  }
  return types.size === 1 ? [...types][0]! : null;
}
