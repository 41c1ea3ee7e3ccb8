import type { PrismaClient } from "@/lib/db/generated/client.ts";
import { type AttachmentView, toAttachment } from "@/lib/media/attachment-view.ts";
import { type MessageView, toMessage } from "@/lib/messages/serialize.ts";
import { type ReactionRow, summarize } from "@/lib/reactions/summary.ts";

/**
 * listMessages as it was before it moved to one prepared statement (Prisma, five queries), kept as
 * the reference the new one must match byte for byte. Only the client is passed in.
 */
export async function referenceHistory(
  db: PrismaClient,
  userId: number,
  chatId: number,
  query: { limit: number; beforeId?: number; afterId?: number },
): Promise<MessageView[] | "not_found"> {
  const blocked = (
    await db.userBlock.findMany({ where: { blockerId: userId }, select: { blockedId: true } })
  ).map((r) => r.blockedId);
  const senders = blocked.length ? { senderId: { notIn: blocked } } : {};
  const [receipts, rows] = await Promise.all([
    db.chatMember.findMany({
      where: { chatId },
      select: { userId: true, lastReadId: true, lastDeliveredId: true },
    }),
    query.afterId !== undefined
      ? db.message.findMany({
          where: { chatId, id: { gt: query.afterId }, ...senders },
          orderBy: { id: "asc" },
          take: query.limit,
        })
      : db.message.findMany({
          where: {
            chatId,
            ...senders,
            ...(query.beforeId !== undefined ? { id: { lt: query.beforeId } } : {}),
          },
          orderBy: { id: "desc" },
          take: query.limit,
        }),
  ]);
  if (!receipts.some((r) => r.userId === userId)) return "not_found";
  const byMessage = new Map<number, AttachmentView[]>();
  if (rows.length) {
    const attachments = await db.attachment.findMany({
      where: { messageId: { in: [...new Set(rows.map((m) => m.id))] } },
      orderBy: { id: "asc" },
    });
    for (const a of attachments)
      byMessage.set(a.messageId!, [...(byMessage.get(a.messageId!) ?? []), toAttachment(a)]);
  }
  const reactions = new Map<number, ReactionRow[]>();
  for (const r of await db.messageReaction.findMany({ where: { messageId: { in: rows.map((m) => m.id) } } }))
    reactions.set(r.messageId, [...(reactions.get(r.messageId) ?? []), r]);
  const callIds = rows.flatMap((m) => (m.callId === null ? [] : [m.callId]));
  const calls = callIds.length ? await db.call.findMany({ where: { id: { in: callIds } } }) : [];
  const callById = new Map(calls.map((c) => [c.id, c]));
  return rows.map((m) =>
    toMessage(
      { ...m, call: m.callId === null ? null : (callById.get(m.callId) ?? null) },
      receipts,
      byMessage.get(m.id),
      summarize(reactions.get(m.id) ?? [], userId),
    ),
  );
}
