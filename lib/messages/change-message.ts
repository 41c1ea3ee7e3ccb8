import type { AuthContext } from "../auth/authenticate.ts";
import { requireMembership } from "../chats/membership.ts";
import { getDb } from "../db/client.ts";
import type { Message } from "../db/generated/client.ts";
import { AppError, forbidden, notFound } from "../http/app-error.ts";
import { queueLinkPreview } from "../link-previews/attach-preview.ts";
import { firstLink } from "../link-previews/first-link.ts";
import { dropPin } from "../pins/pin-message.ts";
import { deliverMessageViews } from "../reactions/deliver-per-viewer.ts";
import { deliver } from "../realtime/deliver.ts";
import { deliverToReaders } from "./deliver-to-readers.ts";
import { type MessageView, receiptsOf, toMessage, toMessages } from "./serialize.ts";

/** A message of a chat the user is in; anything else is a 404. chatId is optional for socket frames. */
export async function findMessage(userId: number, messageId: number, chatId?: number) {
  const message = await getDb().message.findUnique({ where: { id: messageId } });
  if (!message || (chatId !== undefined && message.chatId !== chatId)) throw notFound("message");
  const membership = await requireMembership(message.chatId, userId).catch(() => {
    throw notFound("message");
  });
  return { message, membership };
}

export async function editMessage(
  userId: number,
  messageId: number,
  text: string,
  chatId?: number,
): Promise<MessageView> {
  const { message } = await findMessage(userId, messageId, chatId);
  if (message.senderId !== userId) throw forbidden("not_author", "Only the author can edit a message.");
  if (message.callId !== null)
    throw new AppError("call_entry", 422, "A call entry is written by stu and cannot be edited.");
  if (message.deletedAt) throw new AppError("message_deleted", 409, "A deleted message cannot be edited.");
  if (message.moderatedAt)
    throw new AppError("message_removed", 409, "A message removed by moderation cannot be edited.");
  const db = getDb();
  // A changed link drops the old preview at once; the new one follows as a link_preview frame.
  const linkChanged = firstLink(message.text) !== firstLink(text);
  const updated = await db.message.update({
    where: { id: messageId },
    data: { text, editedAt: new Date(), ...(linkChanged ? { linkPreviewId: null } : {}) },
  });
  const receipts = await receiptsOf(message.chatId);
  const [view] = await toMessages([updated], receipts, userId);
  await deliverMessageViews(
    receipts.map((r) => r.userId),
    message.senderId,
    [view!],
    ([edited]) => [{ type: "message_edit", conversation_id: message.chatId, message: edited }],
  );
  if (linkChanged) await queueLinkPreview(updated);
  return view!;
}

/**
 * Deletes for everyone, leaving a tombstone: the author, a group owner/admin, or a platform admin.
 * The text is erased, unless the message was reported.
 */
export async function deleteMessage(
  auth: Pick<AuthContext, "userId" | "role">,
  messageId: number,
  chatId?: number,
): Promise<void> {
  const { message, membership } = await findMessage(auth.userId, messageId, chatId);
  const allowed =
    message.senderId === auth.userId ||
    auth.role === "admin" ||
    (membership.chat.type === "group" && membership.member.role !== "member");
  if (!allowed) throw forbidden("not_allowed", "You can delete only your own messages.");
  if (message.deletedAt) return;
  // A reported message keeps its text for the moderators (everyone else sees the tombstone): deleting
  // it must not destroy the evidence.
  const reported = await getDb().report.count({ where: { messageId } });
  const deleted: Message = await getDb().message.update({
    where: { id: messageId },
    data: { deletedAt: new Date(), linkPreviewId: null, ...(reported ? {} : { text: "" }) },
  });
  await dropPin(message.chatId, message.id, auth.userId);
  const receipts = await receiptsOf(message.chatId);
  await deliverToReaders(
    receipts.map((r) => r.userId),
    message.senderId,
    [
      {
        type: "message_delete",
        conversation_id: message.chatId,
        message_id: message.id,
        message: toMessage(deleted, receipts),
      },
    ],
  );
}

/**
 * "Delete for me": the message leaves the caller's history, chat list and unread count on all their
 * devices (told with message_hidden); everyone else keeps it. Any message of a chat the caller is in;
 * idempotent.
 */
export async function hideMessage(userId: number, messageId: number, chatId?: number): Promise<void> {
  const { message } = await findMessage(userId, messageId, chatId);
  const { count } = await getDb().messageHide.createMany({
    data: [{ userId, messageId }],
    skipDuplicates: true,
  });
  if (count)
    deliver([userId], [{ type: "message_hidden", conversation_id: message.chatId, message_id: messageId }]);
}
