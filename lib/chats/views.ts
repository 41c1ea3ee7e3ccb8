import { getDb, Prisma } from "../db/client.ts";
import type { Chat, ChatMember, Message, User } from "../db/generated/client.ts";
import { type AttachmentView, attachmentsByMessage } from "../media/attachment-view.ts";
import { SQL_MENTION_AFTER, SQL_MENTION_BEFORE } from "../messages/mentions.ts";
import { type MessageView, type MessageWithCall, type Receipt, toMessage } from "../messages/serialize.ts";
import { getPresence } from "../presence/store.ts";
import { reactionRowsOf, summarize } from "../reactions/summary.ts";
import { stateOf } from "./chat-state.ts";

export type MemberView = {
  id: number;
  username: string;
  display_name: string;
  avatar_url: string | null;
  role: ChatMember["role"];
  online: boolean;
  last_seen_at: string | null;
  /** The account was deleted: a dialog with it takes no new messages. */
  deleted: boolean;
};

export type ChatView = {
  id: number;
  type: Chat["type"];
  title: string;
  /** A group's own avatar; null for dialogs (show the other member's). */
  avatar_url: string | null;
  members: MemberView[];
  created_at: string;
  updated_at: string;
  last_activity_at: string;
  last_message: MessageView | null;
  unread_count: number;
  /** Unread messages that mention the viewer by @username (counted in unread_count too). */
  unread_mentions: number;
  role: ChatMember["role"];
  last_read_id: number;
  /** The chat's latest pin (GET /v1/chats/{id}/pins has them all). */
  pinned_message_id: number | null;
} & ReturnType<typeof stateOf>;

export function toMember(member: ChatMember & { user: User }, online: boolean): MemberView {
  return {
    id: member.userId,
    username: member.user.username,
    display_name: member.user.displayName,
    avatar_url: member.user.avatarUrl,
    role: member.role,
    online,
    last_seen_at: member.user.lastSeenAt?.toISOString() ?? null,
    deleted: member.user.deletedAt !== null,
  };
}

/** A dialog is titled after the other person, as the viewer sees it. */
function titleFor(chat: Chat, viewerId: number, members: MemberView[]): string {
  if (chat.type === "group") return chat.title;
  const other = members.find((m) => m.id !== viewerId);
  return other ? other.display_name || other.username : chat.title;
}

const NO_STATE = { mutedUntil: null, archivedAt: null, pinnedAt: null, markedUnread: false };

export type ViewRequest = { viewerId: number; chat: Chat };

/**
 * Views of chats, each as its viewer sees it (title, role, unread count), in nine queries whatever
 * the number of chats and viewers: members with users, last messages and their attachments and
 * reactions, unread counts, the viewers' blocks and deleted-for-me last messages, latest pins, presence. A viewer who blocked the author of a chat's last message
 * sees the last message of someone else instead (one more look-up per such chat), and unread counts
 * leave out messages of blocked people and messages removed by moderation.
 */
export async function viewsFor(requests: ViewRequest[]): Promise<ChatView[]> {
  if (!requests.length) return [];
  const db = getDb();
  const chats = [...new Map(requests.map((r) => [r.chat.id, r.chat])).values()];
  const ids = chats.map((c) => c.id);
  const lastIds = chats.map((c) => c.lastMessageId).filter((id): id is number => id !== null);
  const viewerIds = [...new Set(requests.map((r) => r.viewerId))];
  const [members, lastMessages, lastAttachments, unread, blocks, hides, pins] = await Promise.all([
    db.chatMember.findMany({
      where: { chatId: { in: ids } },
      include: { user: true },
      orderBy: { joinedAt: "asc" },
    }),
    lastIds.length
      ? db.message.findMany({ where: { id: { in: lastIds } }, include: { call: true, linkPreview: true } })
      : [],
    attachmentsByMessage(lastIds),
    db.$queryRaw<{ chat_id: number; user_id: number; unread: number; mentions: number }[]>(Prisma.sql`
      SELECT m.chat_id, cm.user_id, count(*)::int AS unread,
        count(*) FILTER (
          WHERE m.text ~* (${SQL_MENTION_BEFORE} || u.username || ${SQL_MENTION_AFTER})
        )::int AS mentions
      FROM unnest(${requests.map((r) => r.chat.id)}::int[], ${requests.map((r) => r.viewerId)}::int[])
        AS wanted(chat_id, user_id)
      JOIN chat_members cm ON cm.chat_id = wanted.chat_id AND cm.user_id = wanted.user_id
      JOIN users u ON u.id = cm.user_id
      JOIN messages m ON m.chat_id = cm.chat_id AND m.id > cm.last_read_id
      WHERE m.sender_id <> cm.user_id AND m.deleted_at IS NULL AND m.moderated_at IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM user_blocks b WHERE b.blocker_id = cm.user_id AND b.blocked_id = m.sender_id
        )
        AND NOT EXISTS (SELECT 1 FROM message_hides h WHERE h.user_id = cm.user_id AND h.message_id = m.id)
      GROUP BY m.chat_id, cm.user_id`),
    db.userBlock.findMany({
      where: { blockerId: { in: viewerIds } },
      select: { blockerId: true, blockedId: true },
    }),
    lastIds.length
      ? db.messageHide.findMany({
          where: { messageId: { in: lastIds }, userId: { in: viewerIds } },
          select: { userId: true, messageId: true },
        })
      : [],
    db.$queryRaw<{ chat_id: number; message_id: number }[]>(Prisma.sql`
      SELECT DISTINCT ON (chat_id) chat_id, message_id FROM message_pins
      WHERE chat_id = ANY(${ids}::int[]) ORDER BY chat_id, pinned_at DESC`),
  ]);
  const blockedOf = new Map<number, number[]>();
  for (const b of blocks) blockedOf.set(b.blockerId, [...(blockedOf.get(b.blockerId) ?? []), b.blockedId]);
  const lastById = new Map(lastMessages.map((m) => [m.id, m]));
  const hidden = new Set(hides.map((h) => `${h.messageId}:${h.userId}`));
  const pinOf = new Map(pins.map((p) => [p.chat_id, p.message_id]));
  const visibleLast = await lastVisibleToBlockers(requests, lastById, blockedOf, hidden);
  const replacementIds = [...visibleLast.values()].flatMap((r) => (r ? [r.message.id] : []));
  const [online, reactions] = await Promise.all([
    getPresence().onlineOf([...new Set(members.map((m) => m.userId))]),
    reactionRowsOf([...lastIds, ...replacementIds]),
  ]);
  const byChat = new Map<number, typeof members>();
  for (const m of members) byChat.set(m.chatId, [...(byChat.get(m.chatId) ?? []), m]);
  const memberViewsByChat = new Map(
    [...byChat].map(([chatId, rows]) => [chatId, rows.map((r) => toMember(r, online.has(r.userId)))]),
  );
  const unreadOf = new Map(unread.map((u) => [`${u.chat_id}:${u.user_id}`, u]));

  return requests.map(({ viewerId, chat }) => {
    const rows = byChat.get(chat.id) ?? [];
    const receipts: Receipt[] = rows;
    const me = rows.find((r) => r.userId === viewerId);
    const memberViews = memberViewsByChat.get(chat.id) ?? [];
    const key = `${chat.id}:${viewerId}`;
    const own = chat.lastMessageId ? lastById.get(chat.lastMessageId) : undefined;
    const last = visibleLast.has(key) ? visibleLast.get(key)?.message : own;
    const attachments = visibleLast.has(key)
      ? visibleLast.get(key)?.attachments
      : own && lastAttachments.get(own.id);
    return {
      id: chat.id,
      type: chat.type,
      title: titleFor(chat, viewerId, memberViews),
      avatar_url: chat.type === "group" ? chat.avatarUrl : null,
      members: memberViews,
      created_at: chat.createdAt.toISOString(),
      updated_at: chat.updatedAt.toISOString(),
      last_activity_at: chat.lastActivityAt.toISOString(),
      last_message: last
        ? toMessage(last, receipts, attachments, summarize(reactions.get(last.id) ?? [], viewerId))
        : null,
      unread_count: unreadOf.get(key)?.unread ?? 0,
      unread_mentions: unreadOf.get(key)?.mentions ?? 0,
      role: me?.role ?? "member",
      last_read_id: me?.lastReadId ?? 0,
      pinned_message_id: pinOf.get(chat.id) ?? null,
      ...stateOf(me ?? NO_STATE),
    };
  });
}

type Replacement = { message: MessageWithCall; attachments: AttachmentView[] | undefined } | null;

/**
 * For each viewer who blocked the author of a chat's last message, or deleted it for themselves: the
 * chat's latest message they still see (null when there is none), keyed by "chat:viewer".
 * `hidden` holds "message:viewer" of the last messages deleted for their viewer.
 */
async function lastVisibleToBlockers(
  requests: ViewRequest[],
  lastById: Map<number, Message>,
  blockedOf: Map<number, number[]>,
  hidden: Set<string>,
): Promise<Map<string, Replacement>> {
  const affected = requests.filter(({ viewerId, chat }) => {
    const last = chat.lastMessageId ? lastById.get(chat.lastMessageId) : undefined;
    return (
      last !== undefined &&
      ((blockedOf.get(viewerId) ?? []).includes(last.senderId) || hidden.has(`${last.id}:${viewerId}`))
    );
  });
  const replacements = new Map<string, Replacement>();
  if (!affected.length) return replacements;
  const db = getDb();
  const found = await Promise.all(
    affected.map(({ viewerId, chat }) =>
      db.message.findFirst({
        where: {
          chatId: chat.id,
          senderId: { notIn: blockedOf.get(viewerId) ?? [] },
          hides: { none: { userId: viewerId } },
        },
        orderBy: { id: "desc" },
        include: { call: true },
      }),
    ),
  );
  const attachments = await attachmentsByMessage(found.flatMap((m) => (m ? [m.id] : [])));
  affected.forEach(({ viewerId, chat }, i) => {
    const message = found[i];
    replacements.set(
      `${chat.id}:${viewerId}`,
      message ? { message, attachments: attachments.get(message.id) } : null,
    );
  });
  return replacements;
}

/** One viewer's chats, in the given order. */
export function chatViews(viewerId: number, chats: Chat[]): Promise<ChatView[]> {
  return viewsFor(chats.map((chat) => ({ viewerId, chat })));
}

export async function chatView(viewerId: number, chat: Chat): Promise<ChatView> {
  return (await chatViews(viewerId, [chat]))[0]!;
}
