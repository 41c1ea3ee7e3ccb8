import { getDb } from "../db/client.ts";
import { type ChatView, chatViews } from "./views.ts";

/** The user's chats, most recent activity first. */
export async function listChats(userId: number, limit: number): Promise<ChatView[]> {
  const rows = await getDb().chatMember.findMany({
    where: { userId },
    include: { chat: true },
    orderBy: [{ chat: { lastActivityAt: "desc" } }, { chatId: "desc" }],
    take: limit,
  });
  return chatViews(
    userId,
    rows.map((r) => r.chat),
  );
}
