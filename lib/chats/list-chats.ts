import { getDb } from "../db/client.ts";
import { type ChatView, chatViews } from "./views.ts";

/** The user's chats: pinned ones first (the latest pin on top), then by most recent activity. */
export async function listChats(userId: number, limit: number, archived?: boolean): Promise<ChatView[]> {
  const rows = await getDb().chatMember.findMany({
    where: { userId, ...(archived === undefined ? {} : { archivedAt: archived ? { not: null } : null }) },
    include: { chat: true },
    orderBy: [
      { pinnedAt: { sort: "desc", nulls: "last" } },
      { chat: { lastActivityAt: "desc" } },
      { chatId: "desc" },
    ],
    take: limit,
  });
  return chatViews(
    userId,
    rows.map((r) => r.chat),
  );
}
