import type { ReportReason, ReportStatus, Warning } from "./safety-types.ts";
import type { UserSummary } from "./types.ts";

/** The admin API's shapes (see /v1/admin/* in the README). */
export type Verdict = {
  verdict: "allow" | "review" | "block";
  score: number;
  labels: string[];
  reasons: string[];
  model_version: string;
  analyzed_at: string | null;
};

export type AdminMessage = {
  id: number;
  chat_id: number;
  /** Null only for an account that no longer exists. */
  sender: UserSummary | null;
  text: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  moderated_at: string | null;
  attachments: Array<{ id: number; filename: string; content_type: string }>;
};

export type ReportAction = "dismiss" | "remove_message" | "warn_user" | "ban_user";

export type AdminReport = {
  id: number;
  status: ReportStatus;
  reason: ReportReason;
  comment: string | null;
  created_at: string;
  target_type: "message" | "user";
  reporter: UserSummary;
  target_user: UserSummary & { role: "user" | "admin"; banned_at: string | null };
  chat: { id: number; type: "dialog" | "group"; title: string } | null;
  message: AdminMessage | null;
  /** Absent in the summaries of a person's detail. */
  context?: AdminMessage[];
  verdict: Verdict | null;
  resolution: {
    action: string;
    reason: string | null;
    resolved_by: UserSummary | null;
    resolved_at: string;
  } | null;
};

export type AdminUser = {
  id: number;
  email: string;
  username: string;
  display_name: string;
  avatar_url: string | null;
  role: "user" | "admin";
  created_at: string;
  banned_at: string | null;
  last_seen_at: string | null;
  online: boolean;
  warnings_count: number;
  open_reports_count: number;
};

export type AdminAction =
  | "ban_user"
  | "unban_user"
  | "delete_message"
  | "warn_user"
  | "grant_admin"
  | "revoke_admin";

export type AuditEntry = {
  id: number;
  at: string;
  actor: UserSummary | null;
  actor_kind: "admin" | "agent" | "system";
  action: string;
  target_user: UserSummary | null;
  message_id: number | null;
  report_id: number | null;
  reason: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

export type AdminUserDetail = AdminUser & {
  warnings: Warning[];
  reports_against: AdminReport[];
  recent_actions: AuditEntry[];
};

export type AuditVerification = {
  ok: boolean;
  entries: number;
  head_hash: string | null;
  first_bad_id: number | null;
};

export type DayCount = { date: string; count: number };

export type AdminStats = {
  users: { total: number; active_24h: number; active_7d: number; banned: number; admins: number };
  new_users_per_day: DayCount[];
  active_users_per_day: DayCount[];
  messages: { total: number };
  messages_per_day: DayCount[];
  chats: { total: number; dialogs: number; groups: number };
  reports: { queued: number; open: number };
  sockets_online: number;
  users_online: number;
  storage: { uploads_bytes: number; attachments: number };
  database: { size_bytes: number };
  generated_at: string;
};

export type Page<K extends string, T> = { [key in K]: T[] } & { next_cursor: string | null };
