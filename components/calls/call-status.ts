import type { ActiveCall } from "@/lib/client/calls/store.ts";

/** What the call is doing, before there is a duration to show. */
export function callStatusText(call: Pick<ActiveCall, "phase" | "ringing" | "direction">): string {
  switch (call.phase) {
    case "outgoing":
      return call.ringing ? "Ringing…" : "Calling…";
    case "connecting":
      return "Connecting…";
    case "reconnecting":
      return "Reconnecting…";
    default:
      return "Connected";
  }
}

/** "Voice call", "Group video call". */
export function callKindText(call: { group: boolean; kind: ActiveCall["kind"] }): string {
  return call.group ? `Group ${call.kind} call` : call.kind === "video" ? "Video call" : "Voice call";
}
