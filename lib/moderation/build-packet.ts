import { getDb, Prisma } from "../db/client.ts";
import type { Message, Report } from "../db/generated/client.ts";
import { createReportPacket, type ReportPacket } from "./packet.ts";

const CONTEXT = 5;
const HOUR_MS = 3600_000;

const MENTION = /(^|[^\w@])@[A-Za-z0-9_]{2,}/g;

/**
 * What the moderation agent is shown of a report (the plaintext of the sealed packet). A message
 * report carries the message (its text even if already removed) and up to 5 messages before it in
 * its chat; a user report carries, as context, the person's latest messages in chats they share with
 * the reporter. The author's recent activity feeds the agent's spam signals, counted up to the
 * reported message (or up to now for a user report). Each call makes a new packet (a fresh
 * packet_id): the agent refuses one it has seen.
 */
export async function buildPacket(report: Report, now = new Date()): Promise<ReportPacket> {
  const db = getDb();
  const message = report.messageId ? await db.message.findUnique({ where: { id: report.messageId } }) : null;
  const chat = message ? await db.chat.findUnique({ where: { id: message.chatId } }) : null;
  const author = await db.user.findUniqueOrThrow({ where: { id: report.targetUserId } });
  const context = message ? await messagesBefore(message) : await sharedChatMessages(report);
  const until = message?.createdAt ?? now;
  const attachments = message
    ? await db.attachment.findMany({ where: { messageId: message.id }, orderBy: { id: "asc" } })
    : [];
  return createReportPacket(
    {
      report: {
        id: report.id,
        reason: report.reason,
        comment: report.comment,
        created_at: report.createdAt.toISOString(),
        reporter_id: report.reporterId,
      },
      target: {
        type: report.targetType,
        user_id: report.targetUserId,
        message_id: message?.id ?? null,
        chat_id: chat?.id ?? null,
        chat_type: chat?.type ?? null,
      },
      message: message
        ? {
            id: message.id,
            sender_id: message.senderId,
            text: message.text,
            created_at: message.createdAt.toISOString(),
            attachments: attachments.map((a) => ({ filename: a.filename, content_type: a.contentType })),
          }
        : null,
      context: context.map((m) => ({
        id: m.id,
        sender_id: m.senderId,
        text: m.text,
        created_at: m.createdAt.toISOString(),
      })),
      author: {
        id: author.id,
        account_created_at: author.createdAt.toISOString(),
        ...(await authorActivity(author.id, until, message?.text ?? null)),
        mentions_in_message: message ? (message.text.match(MENTION) ?? []).length : 0,
      },
    },
    now,
  );
}

/** Up to 5 messages before it in its chat (deleted ones have nothing to show), oldest first. */
async function messagesBefore(message: Message): Promise<Message[]> {
  const rows = await getDb().message.findMany({
    where: { chatId: message.chatId, id: { lt: message.id }, deletedAt: null },
    orderBy: { id: "desc" },
    take: CONTEXT,
  });
  return rows.reverse();
}

async function sharedChatMessages(report: Report): Promise<Message[]> {
  const rows = await getDb().message.findMany({
    where: {
      senderId: report.targetUserId,
      deletedAt: null,
      createdAt: { lte: report.createdAt },
      chat: { members: { some: { userId: report.reporterId } } },
    },
    orderBy: { id: "desc" },
    take: CONTEXT,
  });
  return rows.reverse();
}

async function authorActivity(authorId: number, until: Date, text: string | null) {
  const hourAgo = new Date(until.getTime() - HOUR_MS);
  const dayAgo = new Date(until.getTime() - 24 * HOUR_MS);
  const [hour] = await getDb().$queryRaw<{ messages: number; chats: number }[]>(Prisma.sql`
    SELECT count(*)::int AS messages, count(DISTINCT chat_id)::int AS chats FROM messages
    WHERE sender_id = ${authorId} AND created_at > ${hourAgo} AND created_at <= ${until}`);
  let sameTextChats = 0;
  if (text?.trim()) {
    const [same] = await getDb().$queryRaw<{ chats: number }[]>(Prisma.sql`
      SELECT count(DISTINCT chat_id)::int AS chats FROM messages
      WHERE sender_id = ${authorId} AND text = ${text} AND created_at > ${dayAgo} AND created_at <= ${until}`);
    sameTextChats = same?.chats ?? 0;
  }
  return {
    messages_last_hour: hour?.messages ?? 0,
    chats_last_hour: hour?.chats ?? 0,
    same_text_chats_24h: sameTextChats,
  };
}
