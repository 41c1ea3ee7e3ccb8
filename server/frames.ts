import { z } from "zod";
import { text } from "../lib/http/text.ts";
import { messageAttachmentsSchema } from "../lib/media/schemas.ts";
import {
  deleteScopeSchema,
  EMPTY_MESSAGE,
  forwardSchema,
  messageText,
  optionalMessageText,
  tempIdSchema,
  textOrAttachments,
} from "../lib/messages/schemas.ts";
import { emojiSchema } from "../lib/reactions/schemas.ts";

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const chat = { conversation_id: id };

/** Every client → server frame of the protocol. */
export const clientFrame = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("send_message"),
      temp_id: tempIdSchema,
      ...chat,
      text: optionalMessageText,
      attachments: messageAttachmentsSchema,
      reply_to_id: id.nullish(),
    })
    .refine(textOrAttachments, EMPTY_MESSAGE),
  z.object({ type: z.literal("typing_start"), ...chat }),
  z.object({ type: z.literal("typing_stop"), ...chat }),
  z.object({ type: z.literal("delivered"), message_id: id, conversation_id: id.optional() }),
  z.object({ type: z.literal("read"), message_id: id, conversation_id: id.optional() }),
  z.object({ type: z.literal("edit_message"), message_id: id, text: messageText }),
  z.object({ type: z.literal("delete_message"), message_id: id, for: deleteScopeSchema.shape.for }),
  z.object({ type: z.literal("pin_message"), message_id: id }),
  z.object({ type: z.literal("unpin_message"), message_id: id }),
  z.object({ type: z.literal("forward_messages"), ...chat, ...forwardSchema.shape }),
  z.object({ type: z.literal("add_reaction"), message_id: id, emoji: emojiSchema }),
  z.object({ type: z.literal("remove_reaction"), message_id: id, emoji: emojiSchema }),
  z.object({
    type: z.literal("call_signal"),
    ...chat,
    call_id: z.union([text().min(1).max(100), z.number()]),
    to_user_id: id.optional(),
    // Each kind's own fields are checked by lib/calls (an unknown kind is an invalid_frame there).
    signal: z.looseObject({ kind: text().min(1).max(32) }),
  }),
  z.object({ type: z.literal("ping") }),
  // Renews the connection's access token in place, so a long-open socket need not reconnect.
  z.object({ type: z.literal("auth"), token: text().min(1).max(4096) }),
]);

export type ClientFrame = z.infer<typeof clientFrame>;
