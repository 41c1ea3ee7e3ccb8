import { getBus } from "./bus.ts";
import type { Frame } from "./events.ts";

/** Sends frames to every connection of the users, on whichever instance they are connected. */
export async function deliver(userIds: number[], frames: Frame[], exceptConnection?: string): Promise<void> {
  if (!userIds.length || !frames.length) return;
  await getBus().publish({ type: "deliver", userIds: [...new Set(userIds)], frames, exceptConnection });
}
