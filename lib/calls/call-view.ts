import type { Call, CallParticipant } from "../db/generated/client.ts";

export type CallWithParticipants = Call & { participants: CallParticipant[] };

/**
 * Whole seconds from the answer to the end; null while the call goes on, when nobody answered, or
 * when the media never connected (failed).
 */
export function durationSeconds(call: Pick<Call, "answeredAt" | "endedAt" | "endReason">): number | null {
  if (!call.answeredAt || !call.endedAt || call.endReason === "failed") return null;
  return Math.max(0, Math.floor((call.endedAt.getTime() - call.answeredAt.getTime()) / 1000));
}

/** "45 s", "4 min", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** The text of a call's history entry, the same for everyone (clients word it from their side). */
export function callEntryText(
  call: Pick<Call, "kind" | "isGroup" | "endReason" | "answeredAt" | "endedAt">,
): string {
  const duration = durationSeconds(call);
  if (call.endReason === "failed") return `Failed ${call.kind} call`; // media never connected
  if (call.isGroup) {
    if (call.endReason === "missed" || duration === null) return "Missed group call";
    return `Group ${call.kind} call · ${formatDuration(duration)}`;
  }
  if (duration !== null)
    return `${call.kind === "video" ? "Video" : "Voice"} call · ${formatDuration(duration)}`;
  if (call.endReason === "declined") return `Declined ${call.kind} call`;
  return `Missed ${call.kind} call`;
}

export type CallEntry = ReturnType<typeof toCallEntry>;

/** The columns a call entry is made of (history reads just these). */
export type CallEntryFields = Pick<
  Call,
  "id" | "callId" | "kind" | "isGroup" | "endReason" | "callerId" | "startedAt" | "answeredAt" | "endedAt"
>;

/** The `call` of a Message that is a call entry. */
export function toCallEntry(call: CallEntryFields) {
  return {
    id: call.id,
    call_id: call.callId,
    kind: call.kind,
    group: call.isGroup,
    outcome: call.endReason,
    caller_id: call.callerId,
    started_at: call.startedAt.toISOString(),
    answered_at: call.answeredAt?.toISOString() ?? null,
    ended_at: call.endedAt?.toISOString() ?? null,
    duration_seconds: durationSeconds(call),
  };
}

export type CallView = ReturnType<typeof toCallView>;

/** The REST and `call_update` shape of a call. */
export function toCallView(call: CallWithParticipants, maxParticipants: number) {
  return {
    id: call.id,
    call_id: call.callId,
    chat_id: call.chatId,
    conversation_id: call.chatId,
    kind: call.kind,
    group: call.isGroup,
    state: call.state,
    caller_id: call.callerId,
    started_at: call.startedAt.toISOString(),
    answered_at: call.answeredAt?.toISOString() ?? null,
    ended_at: call.endedAt?.toISOString() ?? null,
    end_reason: call.endReason,
    duration_seconds: durationSeconds(call),
    participants: [...call.participants]
      .sort((a, b) => a.userId - b.userId)
      .map((p) => ({
        user_id: p.userId,
        state: p.state,
        joined_at: p.joinedAt?.toISOString() ?? null,
        left_at: p.leftAt?.toISOString() ?? null,
      })),
    max_participants: maxParticipants,
  };
}
