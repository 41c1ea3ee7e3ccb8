import { REPORT_REASONS, type ReportReason } from "../moderation/reasons.ts";
import type { UserSummary } from "./types.ts";

/** Reports, blocks and warnings as the API answers them to the person concerned (not the admin's view). */
export { REPORT_REASONS, type ReportReason };

export type ReportStatus = "queued" | "open" | "dismissed" | "resolved";

export type Report = {
  id: number;
  status: ReportStatus;
  reason: ReportReason;
  comment: string | null;
  target_type: "message" | "user";
  message_id: number | null;
  user_id: number;
  created_at: string;
};

/** What is being reported: one message, or a person. */
export type ReportTarget = { message_id: number } | { user_id: number };

export type Block = { user: UserSummary; blocked_at: string };

export type Warning = {
  id: number;
  reason: string;
  created_at: string;
  acknowledged_at: string | null;
};
