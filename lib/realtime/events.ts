export type Frame = { type: string } & Record<string, unknown>;

/** Events that cross instances through the bus; each instance turns them into socket frames. */
export type BusEvent =
  | { type: "sessions_revoked"; deviceIds: number[] }
  // Frames for every socket of these users, except one connection (the sender, who gets an ACK).
  | { type: "deliver"; userIds: number[]; frames: Frame[]; exceptConnection?: string };
