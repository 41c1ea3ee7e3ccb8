import type { Chat } from "../db/generated/client.ts";
import { deliver } from "../realtime/deliver.ts";
import { type MemberView, viewsFor } from "./views.ts";

/** chat_created, each recipient getting the chat as they see it (title, unread count, role). */
export async function announceChat(chat: Chat, userIds: number[]): Promise<void> {
  const views = await viewsFor(userIds.map((viewerId) => ({ viewerId, chat })));
  userIds.forEach((userId, i) => {
    deliver([userId], [{ type: "chat_created", conversation_id: chat.id, chat: views[i]! }]);
  });
}

export async function announceChatUpdate(chat: Chat, userIds: number[]): Promise<void> {
  deliver(userIds, [
    {
      type: "chat_updated",
      conversation_id: chat.id,
      chat: {
        id: chat.id,
        type: chat.type,
        title: chat.title,
        avatar_url: chat.avatarUrl,
        updated_at: chat.updatedAt.toISOString(),
      },
    },
  ]);
}

/** member_added, or member_updated when a member's role changed. */
export async function announceMember(
  type: "member_added" | "member_updated",
  chatId: number,
  member: MemberView,
  byUserId: number,
  userIds: number[],
) {
  deliver(userIds, [{ type, conversation_id: chatId, user_id: member.id, member, by_user_id: byUserId }]);
}

export async function announceMemberRemoved(
  chatId: number,
  userId: number,
  byUserId: number,
  userIds: number[],
) {
  deliver(userIds, [
    { type: "member_removed", conversation_id: chatId, user_id: userId, by_user_id: byUserId },
  ]);
}
