import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Api, createAccount } from "../support/api.ts";
import type { AppServer } from "../support/app-server.ts";
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
  VIDEO_SDP,
} from "../support/calls.ts";
import { type Cleanups, printLogsIfFailed, runCleanups, startCluster } from "../support/cluster.ts";
import { redisAvailable, startRedisServer } from "../support/redis-server.ts";
import { TestSocket } from "../support/socket.ts";

// Skipped without redis-server, unless STU_REQUIRE_REDIS is set (then it throws).
const available = redisAvailable();

describe.skipIf(!available)("calls across two instances (Redis bus, shared PostgreSQL)", () => {
  const cleanups: Cleanups = [];
  const open: TestSocket[] = [];
  let a: AppServer;
  let b: AppServer;
  let mailUrl: string;

  beforeAll(async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    ({ a, b, mailUrl } = await startCluster(redis.url, cleanups, "calls"));
  });

  afterEach(async (context) => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    printLogsIfFailed(context.task.result?.state === "fail", { A: a, B: b });
  });

  afterAll(async () => {
    await runCleanups(cleanups, "calls cluster");
  });

  const connect = async (server: AppServer, token: string) => {
    const socket = await TestSocket.connect(server.url, token);
    open.push(socket);
    return socket;
  };

  it("caller on one instance, callee's devices on both: ringing, first answer wins, signals route across", async () => {
    const onA = new Api(undefined, { baseUrl: a.url, mailUrl });
    const onB = new Api(undefined, { baseUrl: b.url, mailUrl });
    const [alice, bob] = await Promise.all([createAccount(onA), createAccount(onA)]);
    const bobOnA = await secondDevice(onA, bob);
    const dialog = await dialogBetween(onA, alice, bob);
    const caller = await connect(a, alice.accessToken);
    const calleeB = await connect(b, bob.accessToken);
    const calleeA = await connect(a, bobOnA.accessToken);

    const id = newCallId();
    signal(caller, dialog, id, { kind: "offer", sdp: VIDEO_SDP });
    await Promise.all([calleeA, calleeB].map((s) => nextSignal(s, id, "offer")));
    await nextUpdate(calleeB, id, (call) => call.state === "ringing");

    signal(calleeB, dialog, id, { kind: "answer", sdp: "v=0 from B" });
    expect(await nextSignal(caller, id, "answer")).toMatchObject({
      from_user_id: bob.userId,
      signal: { sdp: "v=0 from B" },
    });
    await nextSignal(calleeA, id, "hangup", "answered_elsewhere");
    signal(calleeA, dialog, id, { kind: "answer", sdp: "v=0 late" });
    await nextError(calleeA, id, "call_already_answered");

    signal(caller, dialog, id, { kind: "ice", candidate: { candidate: "candidate:A" } });
    await calleeB.next(
      "call_signal",
      (f) => f.call_id === id && f.signal.candidate?.candidate === "candidate:A",
    );
    signal(calleeB, dialog, id, { kind: "ice", candidate: { candidate: "candidate:B" } });
    await caller.next(
      "call_signal",
      (f) => f.call_id === id && f.signal.candidate?.candidate === "candidate:B",
    );

    signal(caller, dialog, id, { kind: "hangup" });
    await nextSignal(calleeB, id, "hangup", "hangup");
    const entries = await Promise.all([caller, calleeA, calleeB].map((s) => nextEntry(s, id)));
    for (const e of entries) expect(e.message.call).toMatchObject({ outcome: "completed", kind: "video" });
    // The device that lost the race saw the offer, the ICE sent while ringing (none here) and its stop.
    expect(signalsOf(calleeA, id).map((f) => f.signal.kind)).toEqual(["offer", "hangup"]);
    expect((await onB.get(`/v1/calls?chat_id=${dialog}`, bob.accessToken)).body[0]).toMatchObject({
      call_id: id,
      end_reason: "completed",
    });
  });
});
