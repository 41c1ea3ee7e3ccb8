export type Frame = { type: string } & Record<string, unknown>;

/** Events that cross instances through the bus; each instance turns them into socket frames. */
export type BusEvent =
  // The sockets of these sessions close with 4401 and the reason (an older instance sends none).
  | { type: "sessions_revoked"; deviceIds: number[]; reason?: "session_revoked" | "user_banned" }
  // Frames for every socket of these users, except one connection (the sender, who gets an ACK);
  // with connectionIds, only for those sockets of the users (a call's bound connections).
  | {
      type: "deliver";
      userIds: number[];
      frames: Frame[];
      exceptConnection?: string;
      connectionIds?: string[];
    }
  // Live events may have been missed: every socket is told to catch up from the database.
  | { type: "resync"; reason: ResyncReason };

/**
 * Why sockets must catch up: this instance's subscription to the other instances' events was lost
 * (pub/sub is not durable), or another instance had to drop events it could not publish.
 */
export type ResyncReason = "pubsub_reconnected" | "events_dropped";

/** What travels on the Redis channel: the event and the instance that published it. */
export type Envelope = { origin: string; event: BusEvent };
