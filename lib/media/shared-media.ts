import { z } from "zod";
import { requireMembership } from "../chats/membership.ts";
import { getDb, Prisma } from "../db/client.ts";
import { cursorSchema, page, pageLimit } from "../http/cursor.ts";
import { type AttachmentView, toAttachment } from "./attachment-view.ts";
import { VISUAL_TYPES } from "./visual-types.ts";

export const sharedMediaQuerySchema = z.object({
  kind: z.enum(["media", "files"], { message: 'must be "media" or "files"' }).default("media"),
  cursor: cursorSchema.optional(),
  limit: pageLimit(100, 60),
});

export type SharedMediaQuery = z.infer<typeof sharedMediaQuerySchema>;

export type SharedItem = {
  attachment: AttachmentView;
  message_id: number;
  sender_id: number;
  created_at: string;
};

type Row = {
  id: number;
  filename: string;
  content_type: string;
  size: number | null;
  width: number | null;
  height: number | null;
  thumbnail_key: string | null;
  message_id: number;
  sender_id: number;
  created_at: Date;
};

/**
 * The photos and videos ("media") or the other files of a chat, newest first, as its info panel
 * shows them: only what the member can see in the history (no deleted or removed messages, none of
 * people they blocked, none they deleted for themselves).
 */
export async function listSharedMedia(
  userId: number,
  chatId: number,
  query: SharedMediaQuery,
): Promise<{ items: SharedItem[]; next_cursor: string | null }> {
  await requireMembership(chatId, userId);
  const visual = Prisma.sql`a.content_type = ANY(${VISUAL_TYPES}::text[])`;
  const rows = await getDb().$queryRaw<Row[]>(Prisma.sql`
    SELECT a.id, a.filename, a.content_type, a.size, a.width, a.height, a.thumbnail_key,
      m.id AS message_id, m.sender_id, m.created_at
    FROM attachments a
    JOIN messages m ON m.id = a.message_id
    WHERE a.chat_id = ${chatId} AND a.status = 'ready'
      AND ${query.kind === "media" ? visual : Prisma.sql`NOT ${visual}`}
      AND m.deleted_at IS NULL AND m.moderated_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = ${userId} AND b.blocked_id = m.sender_id)
      AND NOT EXISTS (SELECT 1 FROM message_hides h WHERE h.user_id = ${userId} AND h.message_id = m.id)
      ${query.cursor ? Prisma.sql`AND a.id < ${query.cursor}` : Prisma.empty}
    ORDER BY a.id DESC
    LIMIT ${query.limit + 1}`);
  const { items, nextCursor } = page(rows, query.limit);
  return {
    items: items.map((r) => ({
      attachment: toAttachment({
        id: r.id,
        filename: r.filename,
        contentType: r.content_type,
        size: r.size,
        width: r.width,
        height: r.height,
        thumbnailKey: r.thumbnail_key,
      }),
      message_id: r.message_id,
      sender_id: r.sender_id,
      created_at: r.created_at.toISOString(),
    })),
    next_cursor: nextCursor,
  };
}
