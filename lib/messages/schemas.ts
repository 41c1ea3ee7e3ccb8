import { z } from "zod";
import { text } from "../http/text.ts";
import { messageAttachmentsSchema } from "../media/schemas.ts";

import { MAX_PAGE, MAX_TEXT } from "./limits.ts";

export { MAX_PAGE, MAX_TEXT };

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
export const messageText = text()
  .max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`)
  .refine((t) => t.trim().length > 0, "must not be empty");
export const tempIdSchema = z
  .union([text().trim().min(1).max(64), z.number().int().transform(String)])
  .optional()
  .nullable();
/** Text may be empty when the message carries attachments, but a message is never empty. */
export const optionalMessageText = text().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`).default("");
export const textOrAttachments = (m: { text: string; attachments?: number[] | undefined }) =>
  m.text.trim().length > 0 || (m.attachments?.length ?? 0) > 0;
export const EMPTY_MESSAGE = { message: "must not be empty", path: ["text"] };

export const sendMessageSchema = z
  .object({
    text: optionalMessageText,
    temp_id: tempIdSchema,
    reply_to_id: id.nullish(),
    attachments: messageAttachmentsSchema,
  })
  .refine(textOrAttachments, EMPTY_MESSAGE);

export const editMessageSchema = z.object({ text: messageText });

/** DELETE …/messages/{mid}: a tombstone for everyone (the default, as before), or hidden for the caller. */
export const deleteScopeSchema = z.object({ for: z.enum(["everyone", "me"]).default("everyone") });

export const MAX_FORWARD = 100;
export const forwardSchema = z.object({
  from_chat_id: id,
  message_ids: z
    .array(id)
    .min(1, "must name at least one message")
    .max(MAX_FORWARD, `must be at most ${MAX_FORWARD} messages`)
    .refine((ids) => new Set(ids).size === ids.length, "must not repeat a message"),
  temp_id: tempIdSchema,
});

export const historySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE, `must be at most ${MAX_PAGE}`).default(50),
    before_id: id.optional(),
    before: id.optional(),
    after_id: id.optional(),
    around_id: id.optional(),
  })
  .refine(
    (q) => [q.after_id, q.before_id ?? q.before, q.around_id].filter((v) => v !== undefined).length <= 1,
    "use one of before_id, after_id and around_id",
  );

export { id as messageIdSchema };
