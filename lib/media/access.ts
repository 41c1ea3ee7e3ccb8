import { getDb } from "../db/client.ts";
import type { Attachment } from "../db/generated/client.ts";
import { notFound } from "../http/app-error.ts";

/**
 * An attachment the user may read: their own upload, an avatar (any signed-in user), or one sent
 * in a message that is neither deleted nor removed by moderation, of a chat they are in. Anything else does not exist for them
 * (404, never 403).
 */
export async function findReadableAttachment(userId: number, id: number): Promise<Attachment> {
  const attachment = await getDb().attachment.findFirst({
    where: {
      id,
      OR: [
        { uploaderId: userId },
        { purpose: "avatar", status: "ready" },
        {
          status: "ready",
          message: { deletedAt: null, moderatedAt: null, chat: { members: { some: { userId } } } },
        },
      ],
    },
  });
  if (!attachment) throw notFound("media");
  return attachment;
}
