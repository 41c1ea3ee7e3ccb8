import type { MessageView } from "../messages/serialize.ts";
import { deliver } from "../realtime/deliver.ts";
import type { Frame } from "../realtime/events.ts";
import { blockersAmong } from "../users/blocks.ts";
import { type ReactionView, reactionRowsOf, summarize } from "./summary.ts";

/** A view with reactions as one viewer sees them (a tombstone shows none). */
export function withReactions(view: MessageView, reactions: ReactionView[]): MessageView {
  return { ...view, reactions: view.deleted_at || view.moderated_at ? [] : reactions };
}

/**
 * Frames carrying whole messages (an edit, a removal undone) to a chat's readers — the members but
 * those who blocked the author. A reaction's `me` differs per person, so the people who reacted to
 * one of the messages get a copy of their own and everyone else shares one.
 */
export async function deliverMessageViews(
  memberIds: number[],
  senderId: number,
  views: MessageView[],
  frames: (views: MessageView[]) => Frame[],
): Promise<void> {
  const [blockers, rows] = await Promise.all([
    blockersAmong(senderId, memberIds),
    reactionRowsOf(views.map((v) => v.id)),
  ]);
  const readers = new Set(memberIds.filter((id) => !blockers.has(id)));
  const reactors = new Set(
    [...rows.values()].flat().flatMap((r) => (readers.has(r.userId) ? [r.userId] : [])),
  );
  const framesFor = (viewerId: number) =>
    frames(views.map((v) => withReactions(v, summarize(rows.get(v.id) ?? [], viewerId))));
  deliver(
    [...readers].filter((id) => !reactors.has(id)),
    framesFor(0),
  );
  for (const viewerId of reactors) deliver([viewerId], framesFor(viewerId));
}
