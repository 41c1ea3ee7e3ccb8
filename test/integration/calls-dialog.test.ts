import { describe, expect, it } from "vitest";
import { Api, createAccount, expectError } from "../support/api.ts";
import {
  dialogBetween,
  newCallId,
  nextEntry,
  nextError,
  nextSignal,
  nextUpdate,
  secondDevice,
  signal,
  signalsOf,
  socketsClosedAfterEach,
  VIDEO_SDP,
  VOICE_SDP,
} from "../support/calls.ts";

const sockets = socketsClosedAfterEach();

/** Alice with two devices, Bob with two, Carol (a stranger to their dialog). */
async function world() {
  const api = new Api();
  const [alice, bob, carol] = await Promise.all([createAccount(api), createAccount(api), createAccount(api)]);
  const [alice2, bob2] = await Promise.all([secondDevice(api, alice), secondDevice(api, bob)]);
  const dialog = await dialogBetween(api, alice, bob);
  return { api, alice, alice2, bob, bob2, carol, dialog };
}

describe("dialog calls", () => {
  it("ring every device of the callee; the first answer takes the call; signals reach only its two connections", async () => {
    const { api, alice, alice2, bob, bob2, carol, dialog } = await world();
    const [a1, a2, b1, b2, c] = await sockets([alice, alice2, bob, bob2, carol]);
    const id = newCallId();
    signal(a1, dialog, id, { kind: "offer", sdp: VIDEO_SDP });

    for (const s of [b1, b2]) {
      expect(await nextSignal(s, id, "offer")).toMatchObject({
        conversation_id: dialog,
        from_user_id: alice.userId,
        from_device_id: alice.deviceId,
        signal: { kind: "offer", sdp: VIDEO_SDP },
      });
    }
    const ringing = await Promise.all(
      [a1, a2, b1, b2].map((s) => nextUpdate(s, id, (call) => call.state === "ringing")),
    );
    expect(ringing[0]).toMatchObject({
      type: "call_update",
      conversation_id: dialog,
      call: {
        call_id: id,
        chat_id: dialog,
        kind: "video",
        group: false,
        caller_id: alice.userId,
        answered_at: null,
        end_reason: null,
        max_participants: 8,
        participants: expect.arrayContaining([
          expect.objectContaining({ user_id: alice.userId, state: "joined" }),
          expect.objectContaining({ user_id: bob.userId, state: "ringing" }),
        ]),
      },
    });

    // Ringing: the caller's ICE goes to every ringing device.
    signal(a1, dialog, id, {
      kind: "ice",
      candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host" },
    });
    await Promise.all([b1, b2].map((s) => nextSignal(s, id, "ice")));

    signal(b1, dialog, id, { kind: "answer", sdp: "v=0 answer" });
    expect(await nextSignal(a1, id, "answer")).toMatchObject({
      from_user_id: bob.userId,
      from_device_id: bob.deviceId,
      signal: { sdp: "v=0 answer" },
    });
    expect(await nextSignal(b2, id, "hangup", "answered_elsewhere")).toMatchObject({
      from_user_id: bob.userId,
    });
    await Promise.all([a1, a2, b1, b2].map((s) => nextUpdate(s, id, (call) => call.state === "active")));

    signal(b2, dialog, id, { kind: "answer", sdp: "v=0 late" });
    expect(await nextError(b2, id, "call_already_answered")).toMatchObject({ type: "error" });
    signal(a2, dialog, id, { kind: "ice", candidate: null });
    await nextError(a2, id, "not_in_call");

    // Answered: only between the caller's connection and the one that answered.
    signal(a1, dialog, id, { kind: "ice", candidate: { candidate: "candidate:2" } });
    await nextSignal(b1, id, "ice", undefined);
    await b1.next("call_signal", (f) => f.call_id === id && f.signal.candidate?.candidate === "candidate:2");
    signal(b1, dialog, id, { kind: "ice", candidate: { candidate: "candidate:from-bob" } });
    await a1.next(
      "call_signal",
      (f) => f.call_id === id && f.signal.candidate?.candidate === "candidate:from-bob",
    );
    signal(b1, dialog, id, { kind: "media", muted: true, camera: false, screen: false });
    expect(await nextSignal(a1, id, "media")).toMatchObject({ signal: { muted: true, camera: false } });
    signal(a1, dialog, id, { kind: "offer", sdp: "v=0 renegotiate" });
    await b1.next("call_signal", (f) => f.call_id === id && f.signal.sdp === "v=0 renegotiate");

    signal(b1, dialog, id, { kind: "hangup" });
    expect(await nextSignal(a1, id, "hangup", "hangup")).toMatchObject({ from_user_id: bob.userId });
    const ended = await nextUpdate(a2, id, (call) => call.state === "ended");
    expect(ended.call).toMatchObject({ end_reason: "completed" });
    expect(ended.call.duration_seconds).toBeGreaterThanOrEqual(0);

    const entries = await Promise.all([a1, a2, b1, b2].map((s) => nextEntry(s, id)));
    for (const entry of entries) {
      expect(entry.message.text).toMatch(/^Video call · \d+ s$/);
      expect(entry.message).toMatchObject({
        sender_id: alice.userId,
        conversation_id: dialog,
        call: { call_id: id, kind: "video", group: false, outcome: "completed", caller_id: alice.userId },
      });
    }
    // The caller's other device and the callee's other device got none of the SDP or ICE after the
    // answer; Carol, outside the dialog, got nothing at all.
    expect(signalsOf(a2, id)).toHaveLength(0);
    expect(signalsOf(b2, id).map((f) => f.signal.kind)).toEqual(["offer", "ice", "hangup"]);
    expect(c.frames.filter((f) => f.type.startsWith("call_") || f.type === "new_message")).toHaveLength(0);

    signal(b1, dialog, id, { kind: "ice", candidate: null });
    await nextError(b1, id, "call_ended");

    // The entry in both sides' history, with its call.
    for (const who of [alice, bob]) {
      const history = await api.get(`/v1/chats/${dialog}/messages`, who.accessToken);
      const entry = history.body.find((m: any) => m.call?.call_id === id);
      expect(entry).toMatchObject({ text: entries[0].message.text, call: { outcome: "completed" } });
      expect(entry.call.duration_seconds).toBe(ended.call.duration_seconds);
    }
    const chats = await api.get("/v1/chats", bob.accessToken);
    expect(chats.body.find((c: any) => c.id === dialog).last_message.call.call_id).toBe(id);
  });

  it("reject declines the call and stops the callee's other devices", async () => {
    const { api, alice, bob, bob2, dialog } = await world();
    const [a, b1, b2] = await sockets([alice, bob, bob2]);
    const id = newCallId();
    signal(a, dialog, id, { kind: "offer", sdp: VOICE_SDP });
    await nextSignal(b2, id, "offer");
    // One call per chat: Bob calling back in the same dialog while it rings.
    signal(b1, dialog, newCallId(), { kind: "offer", sdp: VOICE_SDP });
    expect(await b1.next("error", (f) => f.code === "call_in_progress")).toMatchObject({ call_id: id });
    signal(b2, dialog, id, { kind: "reject" });
    expect(await nextSignal(a, id, "reject")).toMatchObject({ from_user_id: bob.userId });
    await nextSignal(b1, id, "hangup", "declined_elsewhere");
    const entry = await nextEntry(b1, id);
    expect(entry.message).toMatchObject({
      text: "Declined voice call",
      call: { kind: "voice", outcome: "declined", answered_at: null, duration_seconds: null },
    });
    const update = await nextUpdate(a, id, (call) => call.state === "ended");
    expect(update.call.participants.find((p: any) => p.user_id === bob.userId).state).toBe("declined");
    const call = await api.get(`/v1/calls/${update.call.id}`, alice.accessToken);
    expect(call.body).toMatchObject({ state: "ended", end_reason: "declined" });
  });

  it("the caller cancelling before an answer leaves a missed call for the callee", async () => {
    const { alice, bob, dialog } = await world();
    const [a, b] = await sockets([alice, bob]);
    const id = newCallId();
    signal(a, dialog, id, { kind: "offer", sdp: VOICE_SDP, media: "voice" });
    await nextSignal(b, id, "offer");
    signal(a, dialog, id, { kind: "hangup" });
    expect(await nextSignal(b, id, "hangup", "cancelled")).toMatchObject({ from_user_id: alice.userId });
    const entry = await nextEntry(b, id);
    expect(entry.message).toMatchObject({ text: "Missed voice call", call: { outcome: "cancelled" } });
    const update = await nextUpdate(b, id, (call) => call.state === "ended");
    expect(update.call.participants.find((p: any) => p.user_id === bob.userId).state).toBe("missed");
  });

  it("busy: the callee is in another call; the caller in a call cannot start another", async () => {
    const api = new Api();
    const [alice, bob, carol] = await Promise.all([
      createAccount(api),
      createAccount(api),
      createAccount(api),
    ]);
    const [ab, cb, ac] = await Promise.all([
      dialogBetween(api, alice, bob),
      dialogBetween(api, carol, bob),
      dialogBetween(api, alice, carol),
    ]);
    const [a, b, c] = await sockets([alice, bob, carol]);
    const first = newCallId();
    signal(a, ab, first, { kind: "offer", sdp: VOICE_SDP });
    await nextSignal(b, first, "offer");
    signal(b, ab, first, { kind: "answer", sdp: "v=0" });
    await nextSignal(a, first, "answer");

    const second = newCallId();
    signal(c, cb, second, { kind: "offer", sdp: VIDEO_SDP });
    expect(await nextSignal(c, second, "hangup", "busy")).toMatchObject({ from_user_id: bob.userId });
    const entry = await nextEntry(c, second);
    expect(entry.message).toMatchObject({ text: "Missed video call", call: { outcome: "busy" } });
    await nextEntry(b, second); // Bob sees that he missed it, but was never rung
    expect(signalsOf(b, second)).toHaveLength(0);

    const third = newCallId();
    signal(a, ac, third, { kind: "offer", sdp: VOICE_SDP });
    await nextError(a, third, "already_in_call");
    expect((await api.get(`/v1/calls?chat_id=${ac}`, alice.accessToken)).body).toEqual([]);

    // Bob, in that call, calling back in the same dialog.
    const fourth = newCallId();
    signal(b, ab, fourth, { kind: "offer", sdp: VOICE_SDP });
    await nextError(b, fourth, "already_in_call");
  });

  it("refuses strangers, unknown kinds and unknown calls; an integer call_id comes back an integer", async () => {
    const { alice, bob, carol, dialog } = await world();
    const [a, b, c] = await sockets([alice, bob, carol]);
    const id = newCallId();
    signal(c, dialog, id, { kind: "offer", sdp: VOICE_SDP });
    expect(await c.next("error")).toMatchObject({ code: "not_found", call_id: id });
    signal(a, dialog, id, { kind: "teleport" });
    await nextError(a, id, "invalid_frame");
    signal(a, dialog, id, { kind: "offer" });
    await nextError(a, id, "invalid_frame");
    signal(a, dialog, id, { kind: "join" });
    await nextError(a, id, "invalid_frame");
    signal(a, dialog, id, { kind: "ice", candidate: null });
    await nextError(a, id, "not_found");

    const numeric = Math.floor(Math.random() * 1e9);
    signal(a, dialog, numeric, { kind: "offer", sdp: VOICE_SDP });
    expect((await nextSignal(b, numeric, "offer")).call_id).toBe(numeric);
    signal(a, dialog, numeric, { kind: "hangup" });
    await b.next("call_signal", (f) => f.call_id === String(numeric) && f.signal.reason === "cancelled");
    expect(c.all("call_signal")).toHaveLength(0);
  });

  it("a call entry cannot be edited, but can be deleted", async () => {
    const { api, alice, bob, dialog } = await world();
    const [a, b] = await sockets([alice, bob]);
    const id = newCallId();
    signal(a, dialog, id, { kind: "offer", sdp: VOICE_SDP });
    await nextSignal(b, id, "offer");
    signal(a, dialog, id, { kind: "hangup" });
    const { message } = await nextEntry(a, id);
    const edit = await api.request("PATCH", `/v1/chats/${dialog}/messages/${message.id}`, {
      body: { text: "I never called" },
      token: alice.accessToken,
    });
    expectError(edit, 422, "call_entry");
    a.send({ type: "edit_message", message_id: message.id, text: "nope" });
    await a.next("error", (f) => f.code === "call_entry");
    const del = await api.request("DELETE", `/v1/chats/${dialog}/messages/${message.id}`, {
      token: alice.accessToken,
    });
    expect(del.status).toBe(204);
    const history = await api.get(`/v1/chats/${dialog}/messages`, bob.accessToken);
    expect(history.body.find((m: any) => m.id === message.id)).toMatchObject({ text: "", call: null });
  });

  it("REST: active calls, the call list and one call, for members only", async () => {
    const { api, alice, bob, carol, dialog } = await world();
    const [a, b] = await sockets([alice, bob]);
    const id = newCallId();
    signal(a, dialog, id, { kind: "offer", sdp: VIDEO_SDP });
    const { call } = await nextUpdate(b, id);
    for (const who of [alice, bob]) {
      const active = await api.get("/v1/calls/active", who.accessToken);
      expect(active.status).toBe(200);
      expect(active.body.map((x: any) => x.call_id)).toContain(id);
    }
    expect((await api.get("/calls/active", bob.accessToken)).body.map((x: any) => x.id)).toContain(call.id);
    expect((await api.get("/v1/calls/active", carol.accessToken)).body).toEqual([]);
    expectError(await api.get(`/v1/calls/${call.id}`, carol.accessToken), 404, "not_found");
    expect((await api.get("/v1/calls/active", undefined)).status).toBe(401);

    signal(b, dialog, id, { kind: "answer", sdp: "v=0" });
    await nextSignal(a, id, "answer");
    signal(a, dialog, id, { kind: "hangup" });
    await nextEntry(b, id);
    const second = newCallId();
    signal(b, dialog, second, { kind: "offer", sdp: VOICE_SDP });
    await nextSignal(a, second, "offer");
    signal(a, dialog, second, { kind: "reject" });
    await nextEntry(b, second);

    const list = await api.get(`/v1/calls?chat_id=${dialog}`, alice.accessToken);
    expect(list.body.map((x: any) => x.call_id)).toEqual([second, id]);
    expect(list.body[1]).toMatchObject({
      id: call.id,
      chat_id: dialog,
      conversation_id: dialog,
      kind: "video",
      group: false,
      state: "ended",
      caller_id: alice.userId,
      end_reason: "completed",
      max_participants: 8,
    });
    expect(list.body[1].answered_at).not.toBeNull();
    const older = await api.get(
      `/v1/calls?chat_id=${dialog}&before_id=${list.body[0].id}&limit=1`,
      bob.accessToken,
    );
    expect(older.body.map((x: any) => x.call_id)).toEqual([id]);
    expect((await api.get(`/v1/calls/${call.id}`, bob.accessToken)).body).toMatchObject({
      call_id: id,
      state: "ended",
    });
    expect((await api.get(`/v1/calls?chat_id=${dialog}`, carol.accessToken)).body).toEqual([]);
    expect((await api.get("/v1/calls?limit=0", alice.accessToken)).status).toBe(422);
  });

  it("a dropped socket of the same device comes back with an ICE-restart offer and the call goes on", async () => {
    const { api, alice, bob, dialog } = await world();
    const [a, b] = await sockets([alice, bob]);
    const id = newCallId();
    signal(a, dialog, id, { kind: "offer", sdp: VOICE_SDP });
    await nextSignal(b, id, "offer");
    signal(b, dialog, id, { kind: "answer", sdp: "v=0" });
    await nextSignal(a, id, "answer");
    await b.close();
    const [back] = await sockets([bob]);
    signal(back, dialog, id, { kind: "offer", sdp: "v=0 restart", ice_restart: true });
    expect(
      await a.next("call_signal", (f) => f.call_id === id && f.signal.sdp === "v=0 restart"),
    ).toMatchObject({
      from_user_id: bob.userId,
      signal: { ice_restart: true },
    });
    signal(a, dialog, id, { kind: "answer", sdp: "v=0 restarted" });
    await back.next("call_signal", (f) => f.call_id === id && f.signal.sdp === "v=0 restarted");
    const active = await api.get("/v1/calls/active", alice.accessToken);
    expect(active.body.find((x: any) => x.call_id === id)).toMatchObject({ state: "active" });
    signal(back, dialog, id, { kind: "hangup" });
    expect((await nextEntry(a, id)).message.call.outcome).toBe("completed");
  });
});
