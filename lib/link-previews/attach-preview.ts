import { getConfig } from "../config/env.ts";
import { getDb } from "../db/client.ts";
import { addJob } from "../jobs/add-job.ts";
import { deliverToReaders } from "../messages/deliver-to-readers.ts";
import { firstLink } from "./first-link.ts";
import { previewFor } from "./preview-cache.ts";
import { toLinkPreview } from "./view.ts";

/**
 * Queues the link_preview job of a message just sent or edited when its text has a link: the send
 * path only adds a row to the queue, it never fetches.
 */
export async function queueLinkPreview(message: { id: number; text: string }): Promise<void> {
  if (!getConfig().linkPreviews.enabled) return;
  const url = firstLink(message.text);
  if (!url) return;
  // One waiting job per message: a quick second edit replaces the first one's job. The message is
  // stored already: a queue that fails costs its preview, never the send.
  await addJob(
    "link_preview",
    { message_id: message.id, url },
    { jobKey: `link_preview:${message.id}`, maxAttempts: 3 },
  ).catch((error) =>
    console.error(`[stu] link preview of message ${message.id} not queued: ${(error as Error).message}`),
  );
}

/**
 * The job: the preview of the message's link (cached or fetched), linked to the message and sent to
 * the chat's readers as a `link_preview` frame. Nothing happens when the message was deleted or its
 * link edited away meanwhile (the edit queued its own job).
 */
export async function attachLinkPreview(messageId: number, url: string, log: (line: string) => void) {
  if (!getConfig().linkPreviews.enabled) return;
  const db = getDb();
  const message = await db.message.findUnique({ where: { id: messageId } });
  if (!message || message.deletedAt || message.moderatedAt || firstLink(message.text) !== url) return;
  const preview = await previewFor(url, log);
  if (!preview.ok) return;
  // Linked only while the text is still the one the link was read from.
  const { count } = await db.message.updateMany({
    where: { id: messageId, text: message.text, deletedAt: null },
    data: { linkPreviewId: preview.id },
  });
  if (!count) return;
  const members = await db.chatMember.findMany({
    where: { chatId: message.chatId },
    select: { userId: true },
  });
  await deliverToReaders(
    members.map((m) => m.userId),
    message.senderId,
    [
      {
        type: "link_preview",
        conversation_id: message.chatId,
        message_id: messageId,
        link_preview: toLinkPreview(preview),
      },
    ],
  );
}
