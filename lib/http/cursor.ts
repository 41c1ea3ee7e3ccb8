import { z } from "zod";
import { text } from "./text.ts";

/**
 * Opaque page cursors of newest-first lists: the id of the last item of the page, base64url-encoded
 * so clients pass it back as it is rather than build one.
 */
export function encodeCursor(lastId: number): string {
  return Buffer.from(`id:${lastId}`).toString("base64url");
}

export const cursorSchema = text()
  .max(100)
  .transform((raw, ctx) => {
    const match = /^id:(\d{1,10})$/.exec(Buffer.from(raw, "base64url").toString());
    const id = match ? Number(match[1]) : Number.NaN;
    if (!Number.isSafeInteger(id) || id < 1) {
      ctx.addIssue({ code: "custom", message: "is not a cursor this API gave out" });
      return z.NEVER;
    }
    return id;
  });

export const pageLimit = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max, `must be at most ${max}`).default(fallback);

/** A page fetched with one extra row: the cursor is there only when more rows follow. */
export function page<T extends { id: number }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!.id) : null };
}
