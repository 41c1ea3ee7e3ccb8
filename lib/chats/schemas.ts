import { z } from "zod";
import { emailSchema } from "../auth/schemas.ts";
import { text } from "../http/text.ts";

export const MAX_GROUP_MEMBERS = 1000;

export const idSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const title = text().trim().min(1, "must not be empty").max(128, "must be at most 128 characters");
const userIds = z
  .array(
    z
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
  )
  .max(MAX_GROUP_MEMBERS);

export const createChatSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("dialog"),
    title: text().nullish(),
    members: userIds.min(1, "name the other person"),
  }),
  z.object({ type: z.literal("group"), title, members: userIds.default([]) }),
]);

export const createDialogSchema = z.union(
  [z.object({ user_id: idSchema }), z.object({ email: emailSchema })],
  {
    error: "send user_id or email",
  },
);

export const updateChatSchema = z
  .object({
    title: title.optional(),
    // One of the caller's image uploads; the group's avatar_url becomes its thumbnail path. null clears it.
    avatar_id: idSchema.nullable().optional(),
  })
  .strict()
  .refine((b) => b.title !== undefined || b.avatar_id !== undefined, "send title or avatar_id");
export const addMembersSchema = z.union([
  z.object({ user_ids: userIds.min(1) }).strict(),
  z.object({ members: userIds.min(1) }).strict(),
  z.object({ user_id: idSchema }).strict(),
]);
export const setRoleSchema = z.object({ role: z.enum(["admin", "member"]) }).strict();
export const listChatsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  // Omitted: every chat (each says whether it is archived); true: only archived ones; false: the rest.
  archived: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});

export const muteSchema = z
  .object({
    for: z.enum(["1h", "8h", "1d", "forever"]).optional(),
    until: z.coerce
      .date({ message: "must be an ISO-8601 time" })
      .refine((d) => d.getTime() > Date.now(), "must be in the future")
      .optional(),
  })
  .refine((b) => !(b.for && b.until), { message: "send for or until, not both", path: ["for"] });
