import { describe, expect, it } from "vitest";
import { sdpHasVideo } from "@/lib/client/calls/media.ts";
import { offersTo } from "@/lib/client/calls/mesh.ts";
import { lossPercent, qualityOf, readSample } from "@/lib/client/calls/quality.ts";
import { parseCallFrame } from "@/lib/client/calls/signalling.ts";
import type { CallParticipant } from "@/lib/client/calls/types.ts";

describe("call quality", () => {
  it("is good under 150 ms and 2 % loss, poor over 400 ms or 8 %, fair between", () => {
    expect(qualityOf(40, 0)).toBe("good");
    expect(qualityOf(149, 1.9)).toBe("good");
    expect(qualityOf(150, 0)).toBe("fair");
    expect(qualityOf(40, 2)).toBe("fair");
    expect(qualityOf(400, 8)).toBe("fair");
    expect(qualityOf(401, 0)).toBe("poor");
    expect(qualityOf(20, 8.1)).toBe("poor");
    expect(qualityOf(null, null)).toBe("unknown");
    expect(qualityOf(null, 10)).toBe("poor");
  });

  it("counts loss over the interval, and nothing when nothing arrived", () => {
    expect(lossPercent(5, 95)).toBe(5);
    expect(lossPercent(1, 2)).toBe(33.3);
    expect(lossPercent(0, 0)).toBeNull();
    expect(lossPercent(-3, 100)).toBe(0); // counters reset by an ICE restart
  });

  it("reads the selected pair's round trip and sums inbound RTP", () => {
    const stats = new Map<string, Record<string, unknown>>([
      ["T", { type: "transport", selectedCandidatePairId: "P2" }],
      [
        "P1",
        { id: "P1", type: "candidate-pair", currentRoundTripTime: 0.9, nominated: true, state: "succeeded" },
      ],
      ["P2", { id: "P2", type: "candidate-pair", currentRoundTripTime: 0.0425 }],
      ["A", { type: "inbound-rtp", kind: "audio", packetsLost: 2, packetsReceived: 100 }],
      ["V", { type: "inbound-rtp", kind: "video", packetsLost: 1, packetsReceived: 300 }],
    ]);
    expect(readSample(stats as unknown as RTCStatsReport)).toEqual({
      rttMs: 43,
      packetsLost: 3,
      packetsReceived: 400,
    });
  });
});

describe("an offer's media", () => {
  const m = (sections: string[]) => `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n${sections.join("\r\n")}\r\n`;
  it("is video with an m=video section that is not inactive", () => {
    expect(
      sdpHasVideo(
        m(["m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=sendrecv", "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=sendrecv"]),
      ),
    ).toBe(true);
    expect(
      sdpHasVideo(
        m(["m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=sendrecv", "m=video 0 UDP/TLS/RTP/SAVPF 96", "a=inactive"]),
      ),
    ).toBe(false);
    expect(sdpHasVideo(m(["m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=sendrecv"]))).toBe(false);
  });
});

describe("group mesh", () => {
  const p = (user_id: number, joined_at: string | null): CallParticipant => ({
    user_id,
    state: "joined",
    joined_at,
    left_at: null,
  });
  it("has the later joiner offer, and exactly one side on a tie", () => {
    const early = p(9, "2026-12-03T10:00:00.000Z");
    const late = p(3, "2026-12-03T10:00:05.000Z");
    expect(offersTo(late, early)).toBe(true);
    expect(offersTo(early, late)).toBe(false);
    const a = p(4, "2026-12-03T10:00:00.000Z");
    const b = p(7, "2026-12-03T10:00:00.000Z");
    expect([offersTo(a, b), offersTo(b, a)]).toEqual([false, true]);
  });
});

describe("call frames from the socket", () => {
  const call = {
    id: 1,
    call_id: "c-1",
    chat_id: 5,
    conversation_id: 5,
    kind: "video",
    group: false,
    state: "ringing",
    caller_id: 2,
    started_at: "2026-12-03T10:00:00.000Z",
    answered_at: null,
    ended_at: null,
    end_reason: null,
    duration_seconds: null,
    participants: [{ user_id: 3, state: "ringing", joined_at: null, left_at: null }],
    max_participants: 8,
  };

  it("passes well-formed updates, signals and call errors; an integer call id becomes its string", () => {
    expect(parseCallFrame({ type: "call_update", conversation_id: 5, call })).toEqual({
      type: "update",
      call,
    });
    const signal = parseCallFrame({
      type: "call_signal",
      conversation_id: 5,
      call_id: 42,
      from_user_id: 2,
      from_device_id: 7,
      signal: { kind: "offer", sdp: "v=0", media: "voice" },
    });
    expect(signal).toMatchObject({
      type: "signal",
      frame: { call_id: "42", signal: { kind: "offer", media: "voice" } },
    });
    expect(
      parseCallFrame({ type: "error", code: "call_full", message: "Full", call_id: "c-1" }),
    ).toMatchObject({
      type: "error",
      frame: { code: "call_full", call_id: "c-1" },
    });
  });

  it("refuses a signal another browser made up, and leaves other frames alone", () => {
    expect(
      parseCallFrame({
        type: "call_signal",
        conversation_id: 5,
        call_id: "c",
        from_user_id: 2,
        signal: { kind: "offer", sdp: 7 },
      }),
    ).toBeNull();
    expect(
      parseCallFrame({
        type: "call_signal",
        conversation_id: 5,
        call_id: "c",
        from_user_id: 2,
        signal: { kind: "explode" },
      }),
    ).toBeNull();
    expect(parseCallFrame({ type: "new_message", message: {} })).toBeNull();
    expect(parseCallFrame({ type: "error", code: "rate_limited", temp_id: "t" })).toBeNull();
  });
});
