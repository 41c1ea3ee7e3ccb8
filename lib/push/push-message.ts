import type { Task } from "graphile-worker";
import { z } from "zod";
import { getDb } from "../db/client.ts";
import { addJob } from "../jobs/add-job.ts";
import { isMentioned } from "../messages/mentions.ts";
import { buildPayload, type PushSource } from "./payload.ts";
import { PUSH_TTL_SECONDS, sendPush } from "./send-push.ts";

const payloadSchema = z.object({
  message_id: z.number().int().positive(),
  /** A retry: only these subscriptions (the ones that failed), not the whole chat again. */
  subscription_ids: z.array(z.number().int().positive()).optional(),
});

export const PUSH_MAX_ATTEMPTS = 5;

type Delivery = {
  subscriptionId: number;
  target: { endpoint: string; p256dh: string; auth: string };
  payload: object;
};

/**
 * The pushes one message causes: to every device subscription of its readers (members who did not
 * block the sender), not the sender's; a muted chat pushes only when the message mentions the reader.
 * Devices with a stu window open get it too: their service worker shows nothing while a stu window
 * is focused (knowing which devices have a live socket, across instances, is not cheap or exact).
 */
async function deliveriesOf(messageId: number, only?: number[]): Promise<Delivery[]> {
  const db = getDb();
  const message = await db.message.findUnique({
    where: { id: messageId },
    include: { chat: true, sender: { select: { username: true, displayName: true } } },
  });
  if (!message || message.deletedAt || message.moderatedAt || message.callId) return [];
  if (Date.now() - message.createdAt.getTime() > PUSH_TTL_SECONDS * 1000) return [];
  const members = await db.chatMember.findMany({
    where: {
      chatId: message.chatId,
      userId: { not: message.senderId },
      user: { deletedAt: null, blocking: { none: { blockedId: message.senderId } } },
    },
    select: {
      mutedUntil: true,
      user: {
        select: {
          username: true,
          pushPreviews: true,
          devices: {
            // A live session only: signed out, revoked or expired devices are not woken.
            where: {
              revokedAt: null,
              refreshTokens: { some: { rotatedAt: null, expiresAt: { gt: new Date() } } },
              pushSubscription: only ? { id: { in: only } } : { isNot: null },
            },
            select: { pushSubscription: true },
          },
        },
      },
    },
  });
  const source: PushSource = {
    chat: { id: message.chatId, type: message.chat.type, title: message.chat.title },
    message: { id: message.id, text: message.text },
    senderName: message.sender.displayName || message.sender.username,
  };
  const now = Date.now();
  return members.flatMap(({ mutedUntil, user }) => {
    const mentioned = isMentioned(message.text, user.username);
    if (mutedUntil && mutedUntil.getTime() > now && !mentioned) return [];
    const payload = buildPayload(source, { previews: user.pushPreviews, mentioned });
    return user.devices.flatMap(({ pushSubscription: s }) =>
      s && !(s.expiresAt && s.expiresAt.getTime() <= now)
        ? [{ subscriptionId: s.id, target: s, payload }]
        : [],
    );
  });
}

/**
 * graphile-worker task `push_message`, one job per message. Subscriptions the push service has
 * forgotten (404/410) are deleted. The others that failed are retried with the job's attempts:
 * the job itself when none got through, else a new job for just the failed ones (so no device
 * gets the same message twice).
 */
export const pushMessageTask: Task = async (raw, helpers) => {
  const job = payloadSchema.parse(raw);
  const deliveries = await deliveriesOf(job.message_id, job.subscription_ids);
  if (!deliveries.length) return;
  const results = await Promise.all(deliveries.map((d) => sendPush(d.target, d.payload)));
  const gone = deliveries.filter((_, i) => results[i] === "gone").map((d) => d.subscriptionId);
  const failed = deliveries.filter((_, i) => results[i] === "failed").map((d) => d.subscriptionId);
  if (gone.length) await getDb().pushSubscription.deleteMany({ where: { id: { in: gone } } });
  const sent = deliveries.length - gone.length - failed.length;
  helpers.logger.info(
    `message ${job.message_id}: ${sent} sent, ${gone.length} gone, ${failed.length} failed`,
  );
  if (!failed.length) return;
  if (sent === 0 && gone.length === 0) throw new Error(`${failed.length} pushes failed; retrying`);
  const attemptsLeft = PUSH_MAX_ATTEMPTS - helpers.job.attempts;
  if (attemptsLeft > 0) {
    await addJob(
      "push_message",
      { message_id: job.message_id, subscription_ids: failed },
      { maxAttempts: attemptsLeft, runAt: new Date(Date.now() + 5_000) },
    );
  }
};
