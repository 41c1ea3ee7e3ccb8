import { getDb } from "../db/client.ts";

/** One emoji on a message: how many people put it there, and whether the viewer is one of them. */
export type ReactionView = { emoji: string; count: number; me: boolean };
/** The same without `me`, for events that go to every member (each client knows its own). */
export type ReactionCount = Omit<ReactionView, "me">;

export type ReactionRow = { messageId: number; userId: number; emoji: string; createdAt: Date };

/** Emoji in the order they first appeared on the message (chips do not jump around). */
export function summarize(rows: ReactionRow[], viewerId: number): ReactionView[] {
  const byEmoji = new Map<string, ReactionView & { first: number }>();
  for (const r of rows) {
    const at = r.createdAt.getTime();
    const seen = byEmoji.get(r.emoji);
    if (!seen) byEmoji.set(r.emoji, { emoji: r.emoji, count: 1, me: r.userId === viewerId, first: at });
    else {
      seen.count++;
      seen.me ||= r.userId === viewerId;
      seen.first = Math.min(seen.first, at);
    }
  }
  return [...byEmoji.values()]
    .sort((a, b) => a.first - b.first || (a.emoji < b.emoji ? -1 : 1))
    .map(({ emoji, count, me }) => ({ emoji, count, me }));
}

export const withoutMe = (reactions: ReactionView[]): ReactionCount[] =>
  reactions.map(({ emoji, count }) => ({ emoji, count }));

/** Every reaction on these messages, grouped by message, in one query. */
export async function reactionRowsOf(messageIds: number[]): Promise<Map<number, ReactionRow[]>> {
  const byMessage = new Map<number, ReactionRow[]>();
  if (!messageIds.length) return byMessage;
  const rows = await getDb().messageReaction.findMany({
    where: { messageId: { in: [...new Set(messageIds)] } },
    select: { messageId: true, userId: true, emoji: true, createdAt: true },
  });
  for (const r of rows) byMessage.set(r.messageId, [...(byMessage.get(r.messageId) ?? []), r]);
  return byMessage;
}

/** Each message's reactions as one viewer sees them. */
export async function reactionsByMessage(
  messageIds: number[],
  viewerId: number,
): Promise<Map<number, ReactionView[]>> {
  const rows = await reactionRowsOf(messageIds);
  return new Map([...rows].map(([id, r]) => [id, summarize(r, viewerId)]));
}
