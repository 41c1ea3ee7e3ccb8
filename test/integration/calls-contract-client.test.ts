import { describe, expect, it } from "vitest";
import { Api, createAccount } from "../support/api.ts";
import {
  dialogBetween,
  groupOf,
  nextEntry,
  nextSignal,
  nextUpdate,
  signal,
  signalsOf,
  socketsClosedAfterEach,
  VOICE_SDP,
} from "../support/calls.ts";
import type { TestSocket } from "../support/socket.ts";

// Clients written to CONTRACT.md alone: they know offer/answer/ice/hangup/reject, no `join`, no
// call_update, and pick their own call ids (plain numbers, used again in a later call).
const sockets = socketsClosedAfterEach();
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

describe("calls from a client that knows only the contract's signals", () => {
  it("in a group, an offer to one member reaches only them, and their answer joins them", async () => {
    const api = new Api();
    const [alice, bob, carol] = await Promise.all([
      createAccount(api),
      createAccount(api),
      createAccount(api),
    ]);
    const group = await groupOf(api, alice, [bob, carol]);
    const [a, b, c] = await sockets([alice, bob, carol] as const);

    signal(a, group, "call-1", { kind: "offer", sdp: "v=0" }, bob.userId);
    expect(await nextSignal(b, "call-1", "offer")).toMatchObject({
      conversation_id: group,
      from_user_id: alice.userId,
      signal: { kind: "offer", sdp: "v=0" },
    });
    signal(b, group, "call-1", { kind: "answer", sdp: "v=0 answer" }, alice.userId);
    expect(await nextSignal(a, "call-1", "answer")).toMatchObject({ from_user_id: bob.userId });
    await nextUpdate(c, "call-1", (call) =>
      call.participants.some((p: any) => p.user_id === bob.userId && p.state === "joined"),
    );
    // ICE string candidates (RTCIceCandidateInit flattened) pass as they are.
    signal(
      a,
      group,
      "call-1",
      { kind: "ice", candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host", sdpMid: "0" },
      bob.userId,
    );
    expect((await nextSignal(b, "call-1", "ice")).signal).toMatchObject({ sdpMid: "0" });

    await settle();
    expect(signalsOf(c, "call-1")).toHaveLength(0);
    signal(a, group, "call-1", { kind: "hangup" });
    signal(b, group, "call-1", { kind: "hangup" });
    expect((await nextEntry(c, "call-1")).message.call).toMatchObject({ group: true, outcome: "completed" });
  });

  it("in a dialog, a call id used again after its call ended starts a new call", async () => {
    const api = new Api();
    const [alice, bob] = await Promise.all([createAccount(api), createAccount(api)]);
    const dialog = await dialogBetween(api, alice, bob);
    const [a, b] = await sockets([alice, bob] as const);

    // Each round must see frames of its own call, not the first round's again.
    const used = new Set<unknown>();
    const fresh = async (s: TestSocket, type: string, where: (f: any) => boolean) => {
      const frame = await s.next(type, (f) => !used.has(f) && where(f));
      used.add(frame);
      return frame;
    };
    const entryIds: number[] = [];
    for (let round = 0; round < 2; round++) {
      signal(a, dialog, 1, { kind: "offer", sdp: VOICE_SDP });
      const offer = await fresh(b, "call_signal", (f) => f.call_id === 1 && f.signal.kind === "offer");
      expect(offer.from_user_id).toBe(alice.userId);
      signal(b, dialog, 1, { kind: "answer", sdp: VOICE_SDP });
      await fresh(a, "call_signal", (f) => f.call_id === 1 && f.signal.kind === "answer");
      signal(a, dialog, 1, { kind: "hangup" });
      const entry = await fresh(b, "new_message", (f) => f.message.call?.call_id === "1");
      expect(entry.message.call).toMatchObject({ outcome: "completed", kind: "voice" });
      entryIds.push(entry.message.id);
    }
    expect(new Set(entryIds).size).toBe(2);
    const calls = await api.get(`/v1/calls?chat_id=${dialog}`, alice.accessToken);
    expect(calls.body.filter((c: any) => c.call_id === "1")).toHaveLength(2);
    // Late ICE for the ended call is refused, it does not start anything.
    signal(a, dialog, 1, { kind: "ice", candidate: null });
    expect(await a.next("error", (f) => f.call_id === 1)).toMatchObject({ code: "call_ended" });
  });
});

describe("a call whose media never connected", () => {
  it("a hang-up with reason failed records a failed call, not a talk of N seconds", async () => {
    const api = new Api();
    const [alice, bob] = await Promise.all([createAccount(api), createAccount(api)]);
    const dialog = await dialogBetween(api, alice, bob);
    const [a, b] = await sockets([alice, bob] as const);
    const id = "never-connected";
    signal(a, dialog, id, { kind: "offer", sdp: VOICE_SDP });
    await nextSignal(b, id, "offer");
    signal(b, dialog, id, { kind: "answer", sdp: VOICE_SDP });
    await nextSignal(a, id, "answer");
    signal(b, dialog, id, { kind: "hangup", reason: "failed" });
    expect((await nextSignal(a, id, "hangup")).signal.reason).toBe("failed");
    const entry = await nextEntry(a, id);
    expect(entry.message.text).toBe("Failed voice call");
    expect(entry.message.call).toMatchObject({ outcome: "failed", duration_seconds: null });
  });
});
