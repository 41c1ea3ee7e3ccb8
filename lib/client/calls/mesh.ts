import type { CallParticipant } from "./types.ts";

/**
 * In a group call (a mesh), of two joined participants the one who joined later sends the offer
 * (ties: the higher user id). Both sides apply the same rule to the same call_update, so exactly one
 * offers, also when two people join at the same moment.
 */
export function offersTo(mine: CallParticipant, other: CallParticipant): boolean {
  const a = Date.parse(mine.joined_at ?? "");
  const b = Date.parse(other.joined_at ?? "");
  if (a !== b && Number.isFinite(a) && Number.isFinite(b)) return a > b;
  return mine.user_id > other.user_id;
}
