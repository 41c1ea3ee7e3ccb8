import { describe, expect, it } from "vitest";
import { Api, createAccount } from "../support/api.ts";
import {
  groupOf,
  newCallId,
  nextEntry,
  nextError,
  nextSignal,
  nextUpdate,
  secondDevice,
  signal,
  signalsOf,
  socketsClosedAfterEach,
} from "../support/calls.ts";

const sockets = socketsClosedAfterEach();

const stateOf = (call: any, userId: number) =>
  call.participants.find((p: any) => p.user_id === userId)?.state;

describe("group calls", () => {
  it("three people join, offer each other by to_user_id, leave; the last to leave ends it", async () => {
    const api = new Api();
    const [alice, bob, carol] = await Promise.all([
      createAccount(api),
      createAccount(api),
      createAccount(api),
    ]);
    const group = await groupOf(api, alice, [bob, carol]);
    const [a, b, c] = await sockets([alice, bob, carol]);
    const id = newCallId();

    signal(a, group, id, { kind: "join", media: "video" });
    const started = await nextUpdate(c, id);
    expect(started.call).toMatchObject({
      group: true,
      state: "active",
      kind: "video",
      caller_id: alice.userId,
    });
    expect(started.call.answered_at).not.toBeNull();
    expect(stateOf(started.call, alice.userId)).toBe("joined");
    expect(stateOf(started.call, bob.userId)).toBe("ringing");
    expect(stateOf(started.call, carol.userId)).toBe("ringing");

    // A second call in the same group while this one runs.
    signal(b, group, newCallId(), { kind: "join" });
    expect(await b.next("error", (f) => f.code === "call_in_progress")).toMatchObject({ call_id: id });

    signal(b, group, id, { kind: "join" });
    await nextUpdate(a, id, (call) => stateOf(call, bob.userId) === "joined");
    // The joiner offers to everyone already joined; they answer back.
    signal(b, group, id, { kind: "offer", sdp: "v=0 bob->alice" }, alice.userId);
    expect(await nextSignal(a, id, "offer")).toMatchObject({
      from_user_id: bob.userId,
      signal: { sdp: "v=0 bob->alice" },
    });
    signal(a, group, id, { kind: "answer", sdp: "v=0 alice->bob" }, bob.userId);
    await nextSignal(b, id, "answer");
    signal(a, group, id, { kind: "ice", candidate: { candidate: "c-a" } }, bob.userId);
    await nextSignal(b, id, "ice");
    // Without to_user_id a signal goes to everyone else in the call, members still rung included
    // (what a client that knows only the contract does).
    signal(b, group, id, { kind: "media", muted: false, camera: true, screen: false });
    await nextSignal(a, id, "media");
    await nextSignal(c, id, "media");
    signal(c, group, id, { kind: "ice", candidate: null }, alice.userId); // Carol has not joined yet
    await nextError(c, id, "not_in_call");

    signal(c, group, id, { kind: "join" });
    await nextUpdate(b, id, (call) => stateOf(call, carol.userId) === "joined");
    signal(c, group, id, { kind: "offer", sdp: "v=0 carol->alice" }, alice.userId);
    signal(c, group, id, { kind: "offer", sdp: "v=0 carol->bob" }, bob.userId);
    await a.next("call_signal", (f) => f.signal.sdp === "v=0 carol->alice");
    await b.next("call_signal", (f) => f.signal.sdp === "v=0 carol->bob");
    signal(c, group, id, { kind: "media", muted: true, camera: true, screen: false }, bob.userId);
    expect(await nextSignal(b, id, "media")).toMatchObject({
      from_user_id: carol.userId,
      signal: { muted: true },
    });

    signal(c, group, id, { kind: "hangup" });
    await nextUpdate(a, id, (call) => stateOf(call, carol.userId) === "left" && call.state === "active");
    signal(b, group, id, { kind: "hangup" });
    await nextUpdate(a, id, (call) => stateOf(call, bob.userId) === "left" && call.state === "active");
    signal(a, group, id, { kind: "hangup" });
    const ended = await nextUpdate(c, id, (call) => call.state === "ended");
    expect(ended.call.end_reason).toBe("completed");
    const entries = await Promise.all([a, b, c].map((s) => nextEntry(s, id)));
    for (const e of entries) {
      expect(e.message.text).toMatch(/^Group video call · \d+ s$/);
      expect(e.message.call).toMatchObject({ group: true, outcome: "completed", caller_id: alice.userId });
    }
    // Carol got no SDP or ICE while she was ringing (and no answers to her offers here).
    expect(signalsOf(c, id).map((f) => f.signal.kind)).toEqual(["media"]); // the broadcast one
    signal(a, group, id, { kind: "join" });
    await nextError(a, id, "call_ended");
  });

  it("a member declines on every device; nobody joins → a missed group call", async () => {
    const api = new Api();
    const [alice, bob, carol] = await Promise.all([
      createAccount(api),
      createAccount(api),
      createAccount(api),
    ]);
    const bob2 = await secondDevice(api, bob);
    const group = await groupOf(api, alice, [bob, carol], "Quiet");
    const [a, b1, b2, c] = await sockets([alice, bob, bob2, carol]);
    const id = newCallId();
    signal(a, group, id, { kind: "join" });
    await nextUpdate(b2, id);
    signal(b1, group, id, { kind: "reject" });
    await nextSignal(b2, id, "hangup", "declined_elsewhere");
    const update = await nextUpdate(c, id, (call) => stateOf(call, bob.userId) === "declined");
    expect(update.call.state).toBe("active");
    signal(a, group, id, { kind: "hangup" });
    const entry = await nextEntry(c, id);
    expect(entry.message).toMatchObject({
      text: "Missed group call",
      call: { outcome: "missed", group: true },
    });
    const ended = await nextUpdate(b1, id, (call) => call.state === "ended");
    expect(stateOf(ended.call, carol.userId)).toBe("missed");
    expect(stateOf(ended.call, alice.userId)).toBe("left");
  });

  it("joining on a second device stops the first one ringing; joining from two devices is refused", async () => {
    const api = new Api();
    const [alice, bob] = await Promise.all([createAccount(api), createAccount(api)]);
    const bob2 = await secondDevice(api, bob);
    const group = await groupOf(api, alice, [bob], "Two devices");
    const [a, b1, b2] = await sockets([alice, bob, bob2]);
    const id = newCallId();
    signal(a, group, id, { kind: "join" });
    await nextUpdate(b1, id);
    signal(b2, group, id, { kind: "join" });
    await nextSignal(b1, id, "hangup", "answered_elsewhere");
    signal(b1, group, id, { kind: "join" });
    await nextError(b1, id, "already_in_call");
    signal(a, group, id, { kind: "hangup" });
    signal(b2, group, id, { kind: "hangup" });
    expect((await nextEntry(a, id)).message.call.outcome).toBe("completed");
  });
});
