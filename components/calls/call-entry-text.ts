import type { CallEntry } from "@/lib/client/types.ts";

/** The server's duration wording: "45 s", "4 min", "1 h 5 min". */
export function callDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

export type CallEntryView = {
  text: string;
  /** Which icon: the direction, or missed (shown in red) when the call never reached the viewer. */
  tone: "outgoing" | "incoming" | "missed";
};

/**
 * A call entry from the viewer's side: the caller reads "Outgoing voice call · 4 min" or "No answer",
 * the callee "Incoming voice call · 4 min" or "Missed voice call". Group entries keep the server's
 * text, which is already written for everyone in the group.
 */
export function callEntryView(call: CallEntry, serverText: string, meId: number): CallEntryView {
  const mine = call.caller_id === meId;
  const kind = call.kind === "video" ? "video" : "voice";
  const answered = call.answered_at !== null && call.duration_seconds !== null;
  if (call.group) {
    const missed = !answered || (call.outcome === "missed" && !mine);
    return { text: serverText, tone: missed ? "missed" : mine ? "outgoing" : "incoming" };
  }
  if (answered) {
    const length = callDuration(call.duration_seconds ?? 0);
    return mine
      ? { text: `Outgoing ${kind} call · ${length}`, tone: "outgoing" }
      : { text: `Incoming ${kind} call · ${length}`, tone: "incoming" };
  }
  if (mine) {
    const text: Record<CallEntry["outcome"], string> = {
      cancelled: "Cancelled call",
      missed: "No answer",
      declined: "Call declined",
      busy: "Line busy",
      completed: "No answer",
      connection_lost: "Call failed",
      failed: "Call failed",
    };
    return { text: text[call.outcome], tone: "outgoing" };
  }
  if (call.outcome === "declined") return { text: `Declined ${kind} call`, tone: "incoming" };
  if (call.outcome === "failed") return { text: "Call failed", tone: "missed" };
  return { text: `Missed ${kind} call`, tone: "missed" };
}
