/** Events that cross instances through the bus. Socket frames are derived from these. */
export type BusEvent = { type: "sessions_revoked"; deviceIds: number[] };
