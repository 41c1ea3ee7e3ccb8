import { getBus } from "./bus.ts";
import type { Frame } from "./events.ts";

/**
 * Sends frames to every connection of the users, on whichever instance they are connected: at once
 * to this instance's sockets, queued for the others. Returns without waiting for Redis.
 */
export function deliver(userIds: number[], frames: Frame[], exceptConnection?: string): void {
  if (!userIds.length || !frames.length) return;
  getBus().publish({ type: "deliver", userIds: [...new Set(userIds)], frames, exceptConnection });
}

/** Frames for exactly these connections (of these users), on whichever instance each one is. */
export function deliverToConnections(userIds: number[], connectionIds: string[], frames: Frame[]): void {
  if (!userIds.length || !connectionIds.length || !frames.length) return;
  getBus().publish({
    type: "deliver",
    userIds: [...new Set(userIds)],
    frames,
    connectionIds: [...new Set(connectionIds)],
  });
}
