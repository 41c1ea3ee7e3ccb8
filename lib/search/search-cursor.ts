import { z } from "zod";
import { text } from "../http/text.ts";

/**
 * Where a page of search results ended: results are ordered by tier (whole-word matches before
 * partial ones), rank, then newest first, so the next page starts strictly after this triple.
 * Opaque to clients (base64url) like the cursors of lib/http/cursor.ts.
 */
export type SearchPosition = { tier: 0 | 1; rank: number; id: number };

export function encodeSearchCursor(p: SearchPosition): string {
  return Buffer.from(`search:${p.tier}:${p.rank}:${p.id}`).toString("base64url");
}

const FORMAT = /^search:([01]):(\d+(?:\.\d+)?(?:e-?\d+)?):(\d{1,10})$/;

export const searchCursorSchema = text()
  .max(100)
  .transform((raw, ctx): SearchPosition => {
    const match = FORMAT.exec(Buffer.from(raw, "base64url").toString());
    const id = Number(match?.[3]);
    const rank = Number(match?.[2]);
    if (!match || !Number.isSafeInteger(id) || id < 1 || !Number.isFinite(rank)) {
      ctx.addIssue({ code: "custom", message: "is not a cursor this API gave out" });
      return z.NEVER;
    }
    return { tier: match[1] === "1" ? 1 : 0, rank, id };
  });
