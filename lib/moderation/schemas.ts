import { z } from "zod";
import { cursorSchema, pageLimit } from "../http/cursor.ts";
import { text } from "../http/text.ts";
import { REPORT_REASONS } from "./packet.ts";

export { REPORT_REASONS };

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const comment = text().trim().max(1000, "must be at most 1000 characters").nullish();

export const createReportSchema = z.union(
  [
    z.object({ message_id: id, reason: z.enum(REPORT_REASONS), comment }).strict(),
    z.object({ user_id: id, reason: z.enum(REPORT_REASONS), comment }).strict(),
  ],
  { error: "send {message_id, reason, comment?} or {user_id, reason, comment?}" },
);

export const listOwnReportsSchema = z.object({
  cursor: cursorSchema.optional(),
  limit: pageLimit(100, 50),
});
