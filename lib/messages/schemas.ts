import { z } from "zod";

import { MAX_PAGE, MAX_TEXT } from "./limits.ts";

export { MAX_PAGE, MAX_TEXT };

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
export const messageText = z
  .string()
  .max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`)
  .refine((t) => t.trim().length > 0, "must not be empty");
export const tempIdSchema = z
  .union([z.string().trim().min(1).max(64), z.number().int().transform(String)])
  .optional()
  .nullable();
// Uploads arrive with the media issue; until then a message cannot reference any.
const attachments = z.array(z.unknown()).max(0, "attachments are not supported yet").optional();

export const sendMessageSchema = z.object({
  text: messageText,
  temp_id: tempIdSchema,
  reply_to_id: id.nullish(),
  attachments,
});

export const editMessageSchema = z.object({ text: messageText });

export const historySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE, `must be at most ${MAX_PAGE}`).default(50),
    before_id: id.optional(),
    before: id.optional(),
    after_id: id.optional(),
  })
  .refine((q) => !(q.after_id && (q.before_id || q.before)), "use either after_id or before_id, not both");

export { id as messageIdSchema };
