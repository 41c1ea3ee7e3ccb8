export const MAX_FILENAME_LENGTH = 200;

/**
 * A filename safe to store and to send back in headers: no directories, no control or reserved
 * characters, no leading dots, at most 200 characters with the extension kept.
 */
export function sanitiseFilename(raw: string): string {
  const base = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  let name = base
    .replace(/\p{Cc}|["*:<>?|]/gu, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if ([...name].length > MAX_FILENAME_LENGTH) {
    const chars = [...name];
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 16 ? [...name.slice(dot)] : [];
    name = chars.slice(0, MAX_FILENAME_LENGTH - ext.length).join("") + ext.join("");
  }
  return name || "file";
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the exact name as RFC 5987 filename*. */
export function contentDisposition(type: "inline" | "attachment", filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The name a thumbnail is downloaded under: the original's, as WebP. */
export function thumbnailFilename(original: string): string {
  return `${original.replace(/\.[^.]*$/, "") || "file"}-thumbnail.webp`;
}
