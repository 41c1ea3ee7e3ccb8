import { describe, expect, it } from "vitest";
import { callDuration, callEntryView } from "@/components/calls/call-entry-text.ts";
import type { CallEntry } from "@/lib/client/types.ts";

const CALLER = 1;
const CALLEE = 2;

function entry(patch: Partial<CallEntry>): CallEntry {
  return {
    id: 1,
    call_id: "c1",
    kind: "voice",
    group: false,
    outcome: "completed",
    caller_id: CALLER,
    started_at: "2026-12-01T10:00:00Z",
    answered_at: "2026-12-01T10:00:05Z",
    ended_at: "2026-12-01T10:04:05Z",
    duration_seconds: 240,
    ...patch,
  };
}
const unanswered = { answered_at: null, duration_seconds: null };

describe("call entry wording", () => {
  it("formats durations the way the server writes them", () => {
    expect(callDuration(0)).toBe("0 s");
    expect(callDuration(59)).toBe("59 s");
    expect(callDuration(60)).toBe("1 min");
    expect(callDuration(3599)).toBe("59 min");
    expect(callDuration(3900)).toBe("1 h 5 min");
  });

  it("words an answered dialog call by direction", () => {
    expect(callEntryView(entry({}), "Voice call · 4 min", CALLER)).toEqual({
      text: "Outgoing voice call · 4 min",
      tone: "outgoing",
    });
    expect(callEntryView(entry({ kind: "video", duration_seconds: 45 }), "", CALLEE)).toEqual({
      text: "Incoming video call · 45 s",
      tone: "incoming",
    });
  });

  it("tells the caller what happened to an unanswered call", () => {
    const caller = (outcome: CallEntry["outcome"]) =>
      callEntryView(entry({ ...unanswered, outcome }), "server text", CALLER).text;
    expect(caller("cancelled")).toBe("Cancelled call");
    expect(caller("missed")).toBe("No answer");
    expect(caller("declined")).toBe("Call declined");
    expect(caller("busy")).toBe("Line busy");
  });

  it("shows the callee a missed call, also when the caller gave up first", () => {
    for (const outcome of ["missed", "cancelled", "busy"] as const) {
      expect(callEntryView(entry({ ...unanswered, outcome }), "x", CALLEE)).toEqual({
        text: "Missed voice call",
        tone: "missed",
      });
    }
    expect(
      callEntryView(entry({ ...unanswered, outcome: "declined", kind: "video" }), "x", CALLEE).text,
    ).toBe("Declined video call");
  });

  it("keeps the server's text for group calls", () => {
    const group = entry({ group: true, duration_seconds: 720 });
    expect(callEntryView(group, "Group voice call · 12 min", CALLEE)).toEqual({
      text: "Group voice call · 12 min",
      tone: "incoming",
    });
    expect(
      callEntryView(entry({ group: true, ...unanswered, outcome: "missed" }), "Missed group call", CALLEE),
    ).toEqual({ text: "Missed group call", tone: "missed" });
  });
});
