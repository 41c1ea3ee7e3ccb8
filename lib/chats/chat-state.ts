import type { z } from "zod";
import { getDb } from "../db/client.ts";
import type { ChatMember } from "../db/generated/client.ts";
import { conflict } from "../http/app-error.ts";
import { deliver } from "../realtime/deliver.ts";
import { requireMembership } from "./membership.ts";
import type { muteSchema } from "./schemas.ts";
import { type ChatView, chatView } from "./views.ts";

/** "Muted always": a date no mute can outlast (PostgreSQL's infinity does not survive a JS Date). */
export const MUTED_FOREVER = new Date("9999-12-31T23:59:59.999Z");
export const MAX_PINNED_CHATS = 10;

const MUTE_SECONDS = { "1h": 3600, "8h": 8 * 3600, "1d": 86_400 } as const;

export type ChatStateChange =
  | { kind: "mute"; until: Date | null }
  | { kind: "archived" | "pinned" | "unread"; on: boolean };

/** When a mute request ends: a named duration, "forever", or a time of the caller's choice. */
export function muteUntil(input: z.infer<typeof muteSchema>): Date {
  if (input.until) return input.until;
  const span = input.for ?? "forever";
  return span === "forever" ? MUTED_FOREVER : new Date(Date.now() + MUTE_SECONDS[span] * 1000);
}

/** The member's own flags, as chat views and chat_state events carry them. */
export function stateOf(member: Pick<ChatMember, "mutedUntil" | "archivedAt" | "pinnedAt" | "markedUnread">) {
  const muted = member.mutedUntil !== null && member.mutedUntil.getTime() > Date.now();
  return {
    muted,
    muted_until: muted ? member.mutedUntil!.toISOString() : null,
    archived: member.archivedAt !== null,
    pinned: member.pinnedAt !== null,
    /** Orders the pinned chats (the latest pin first) where a client sorts the list itself. */
    pinned_at: member.pinnedAt?.toISOString() ?? null,
    marked_unread: member.markedUnread,
  };
}

function dataFor(change: ChatStateChange, now: Date) {
  switch (change.kind) {
    case "mute":
      return { mutedUntil: change.until };
    // Like Telegram: an archived chat leaves the pinned ones.
    case "archived":
      return change.on ? { archivedAt: now, pinnedAt: null } : { archivedAt: null };
    case "pinned":
      return { pinnedAt: change.on ? now : null };
    case "unread":
      return { markedUnread: change.on };
  }
}

/**
 * Changes how one member sees a chat (nobody else is told); the member's other devices get a
 * chat_state event. Setting what is already set changes nothing (a pin keeps its place).
 */
export async function setChatState(
  userId: number,
  chatId: number,
  change: ChatStateChange,
): Promise<ChatView> {
  const { chat, member } = await requireMembership(chatId, userId);
  const db = getDb();
  const already =
    (change.kind === "pinned" && change.on === (member.pinnedAt !== null)) ||
    (change.kind === "archived" && change.on === (member.archivedAt !== null));
  if (!already) {
    if (change.kind === "pinned" && change.on) {
      const pinned = await db.chatMember.count({ where: { userId, pinnedAt: { not: null } } });
      if (pinned >= MAX_PINNED_CHATS)
        throw conflict("too_many_pinned", `You can pin at most ${MAX_PINNED_CHATS} chats. Unpin one first.`);
    }
    const updated = await db.chatMember.update({
      where: { chatId_userId: { chatId, userId } },
      data: dataFor(change, new Date()),
    });
    deliver([userId], [{ type: "chat_state", conversation_id: chatId, ...stateOf(updated) }]);
  }
  return chatView(userId, chat);
}
