import { deliver } from "../realtime/deliver.ts";
import type { Frame } from "../realtime/events.ts";
import { blockersAmong } from "../users/blocks.ts";

/**
 * Frames about one author's message, to the chat's members except those who blocked the author
 * (their history leaves the author's messages out, so live frames do too). The author's own view
 * is unchanged.
 */
export async function deliverToReaders(
  memberIds: number[],
  senderId: number,
  frames: Frame[],
  exceptConnection?: string,
): Promise<void> {
  const blockers = await blockersAmong(senderId, memberIds);
  deliver(
    memberIds.filter((id) => !blockers.has(id)),
    frames,
    exceptConnection,
  );
}
