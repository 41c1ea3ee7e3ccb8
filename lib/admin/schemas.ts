import { z } from "zod";
import { cursorSchema, pageLimit } from "../http/cursor.ts";
import { text } from "../http/text.ts";
import { REPORT_REASONS } from "../moderation/schemas.ts";

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const reason = text().trim().min(1, "must not be empty").max(500, "must be at most 500 characters");

export const ADMIN_ACTIONS = [
  "ban_user",
  "unban_user",
  "delete_message",
  "warn_user",
  "grant_admin",
  "revoke_admin",
] as const;

export const adminActionSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("ban_user"),
    user_id: id,
    reason,
    delete_messages: z.boolean().default(false),
  }),
  z.object({ action: z.literal("unban_user"), user_id: id, reason }),
  z.object({ action: z.literal("delete_message"), message_id: id, user_id: id.optional(), reason }),
  z.object({ action: z.literal("warn_user"), user_id: id, reason }),
  z.object({ action: z.literal("grant_admin"), user_id: id, reason }),
  z.object({ action: z.literal("revoke_admin"), user_id: id, reason }),
]);

export type AdminActionInput = z.infer<typeof adminActionSchema>;

export const resolveReportSchema = z.object({
  action: z.enum(["dismiss", "remove_message", "warn_user", "ban_user"]),
  reason: text().trim().max(500, "must be at most 500 characters").optional(),
  delete_messages: z.boolean().default(false),
});

export type ResolveReportInput = z.infer<typeof resolveReportSchema>;

export const listActionsSchema = z.object({
  cursor: cursorSchema.optional(),
  limit: pageLimit(100, 50),
  user_id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
  action: text().trim().min(1).max(40).optional(),
});

export const listReportsSchema = z.object({
  status: z.enum(["queued", "open", "dismissed", "resolved", "all"]).default("open"),
  reason: z.enum(REPORT_REASONS).optional(),
  cursor: cursorSchema.optional(),
  limit: pageLimit(100, 50),
});

export const listUsersSchema = z.object({
  query: text().trim().max(100).optional(),
  filter: z.enum(["all", "banned", "admins"]).default("all"),
  cursor: cursorSchema.optional(),
  limit: pageLimit(100, 50),
});

export const statsSchema = z.object({
  days: z.coerce.number().int().min(1).max(365, "must be at most 365").default(30),
});
