import { z } from "zod";
import { text } from "../http/text.ts";

/**
 * Where a page of search results ended: results are newest first (by id), so the next page starts
 * strictly below this id. Opaque to clients (base64url) like the cursors of lib/http/cursor.ts.
 */
export function encodeSearchCursor(id: number): string {
  return Buffer.from(`search:${id}`).toString("base64url");
}

const FORMAT = /^search:(\d{1,10})$/;

export const searchCursorSchema = text()
  .max(100)
  .transform((raw, ctx): number => {
    const id = Number(FORMAT.exec(Buffer.from(raw, "base64url").toString())?.[1]);
    if (!Number.isSafeInteger(id) || id < 1) {
      ctx.addIssue({ code: "custom", message: "is not a cursor this API gave out" });
      return z.NEVER;
    }
    return id;
  });
