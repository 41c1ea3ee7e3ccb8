import { getDb, Prisma } from "../db/client.ts";
import type { Chat, Message, Report, User } from "../db/generated/client.ts";
import { fromMessageRow, type MessageRow } from "../messages/message-row.ts";
import { toUserSummary, type UserSummary } from "../users/summary.ts";
import { summariesOf } from "./audit-views.ts";

export type AdminMessage = {
  id: number;
  chat_id: number;
  sender: UserSummary | null;
  text: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  moderated_at: string | null;
  attachments: Array<{ id: number; filename: string; content_type: string }>;
};

const CONTEXT = 5;

type Loaded = {
  users: Map<number, User>;
  chats: Map<number, Chat>;
  messages: Map<number, Message>;
  context: Map<number, Message[]>;
  attachments: Map<number, AdminMessage["attachments"]>;
  people: Map<number, UserSummary>;
};

/**
 * Reports as admins see them: who reported whom, the message with its text even when removed, up to
 * 5 messages before it in its chat (oldest first), the agent's verdict and the resolution. Loaded in
 * a fixed number of queries whatever the number of reports.
 */
export async function toAdminReports(reports: Report[], options: { context?: boolean } = {}) {
  const withContext = options.context ?? true;
  const db = getDb();
  const messageIds = reports.flatMap((r) => (r.messageId ? [r.messageId] : []));
  const chatIds = reports.flatMap((r) => (r.chatId ? [r.chatId] : []));
  const [users, chats, messages, context] = await Promise.all([
    db.user.findMany({
      where: { id: { in: [...new Set(reports.flatMap((r) => [r.reporterId, r.targetUserId]))] } },
    }),
    chatIds.length ? db.chat.findMany({ where: { id: { in: [...new Set(chatIds)] } } }) : [],
    messageIds.length ? db.message.findMany({ where: { id: { in: messageIds } } }) : [],
    withContext ? contextOf(reports) : new Map<number, Message[]>(),
  ]);
  const shown = [...messages, ...[...context.values()].flat()];
  const [attachmentRows, people] = await Promise.all([
    shown.length
      ? db.attachment.findMany({
          where: { messageId: { in: shown.map((m) => m.id) } },
          orderBy: { id: "asc" },
        })
      : [],
    summariesOf([...shown.map((m) => m.senderId), ...reports.map((r) => r.resolvedById)]),
  ]);
  const attachments = new Map<number, AdminMessage["attachments"]>();
  for (const a of attachmentRows) {
    attachments.set(a.messageId!, [
      ...(attachments.get(a.messageId!) ?? []),
      { id: a.id, filename: a.filename, content_type: a.contentType },
    ]);
  }
  const loaded: Loaded = {
    users: new Map(users.map((u) => [u.id, u])),
    chats: new Map(chats.map((c) => [c.id, c])),
    messages: new Map(messages.map((m) => [m.id, m])),
    context,
    attachments,
    people,
  };
  return reports.map((r) => toAdminReport(r, loaded, withContext));
}

export type AdminReportView = Awaited<ReturnType<typeof toAdminReports>>[number];

function toAdminMessage(m: Message, loaded: Loaded): AdminMessage {
  return {
    id: m.id,
    chat_id: m.chatId,
    sender: loaded.people.get(m.senderId) ?? null,
    text: m.text,
    created_at: m.createdAt.toISOString(),
    edited_at: m.editedAt?.toISOString() ?? null,
    deleted_at: m.deletedAt?.toISOString() ?? null,
    moderated_at: m.moderatedAt?.toISOString() ?? null,
    attachments: loaded.attachments.get(m.id) ?? [],
  };
}

function toAdminReport(r: Report, loaded: Loaded, withContext: boolean) {
  const reporter = loaded.users.get(r.reporterId)!;
  const target = loaded.users.get(r.targetUserId)!;
  const chat = r.chatId ? loaded.chats.get(r.chatId) : undefined;
  const message = r.messageId ? loaded.messages.get(r.messageId) : undefined;
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    comment: r.comment,
    created_at: r.createdAt.toISOString(),
    target_type: r.targetType,
    reporter: toUserSummary(reporter),
    target_user: {
      ...toUserSummary(target),
      role: target.role,
      banned_at: target.bannedAt?.toISOString() ?? null,
    },
    chat: chat ? { id: chat.id, type: chat.type, title: chat.title } : null,
    message: message ? toAdminMessage(message, loaded) : null,
    ...(withContext
      ? { context: (loaded.context.get(r.id) ?? []).map((m) => toAdminMessage(m, loaded)) }
      : {}),
    verdict: r.verdict
      ? {
          verdict: r.verdict,
          score: r.score,
          labels: r.labels,
          reasons: r.verdictReasons,
          model_version: r.modelVersion,
          analyzed_at: r.analyzedAt?.toISOString() ?? null,
        }
      : null,
    resolution:
      r.resolutionAction && r.resolvedAt
        ? {
            action: r.resolutionAction,
            reason: r.resolutionReason,
            resolved_by: r.resolvedById === null ? null : (loaded.people.get(r.resolvedById) ?? null),
            resolved_at: r.resolvedAt.toISOString(),
          }
        : null,
  };
}

type ContextRow = MessageRow & { report_id: number };

/** The messages before each reported message in its chat, in one query. */
async function contextOf(reports: Report[]): Promise<Map<number, Message[]>> {
  const wanted = reports.filter((r) => r.messageId && r.chatId);
  const byReport = new Map<number, Message[]>();
  if (!wanted.length) return byReport;
  const rows = await getDb().$queryRaw<ContextRow[]>(Prisma.sql`
    SELECT w.report_id, m.id, m.chat_id, m.sender_id, m.text, m.reply_to_id, m.temp_id, m.created_at,
      m.edited_at, m.deleted_at, m.moderated_at, m.call_id
    FROM unnest(${wanted.map((r) => r.id)}::int[], ${wanted.map((r) => r.chatId)}::int[],
      ${wanted.map((r) => r.messageId)}::int[]) AS w(report_id, chat_id, message_id)
    CROSS JOIN LATERAL (
      SELECT * FROM messages m WHERE m.chat_id = w.chat_id AND m.id < w.message_id
      ORDER BY m.id DESC LIMIT ${CONTEXT}
    ) m
    ORDER BY w.report_id, m.id`);
  for (const row of rows) {
    const message = fromMessageRow(row);
    byReport.set(row.report_id, [...(byReport.get(row.report_id) ?? []), message]);
  }
  return byReport;
}
