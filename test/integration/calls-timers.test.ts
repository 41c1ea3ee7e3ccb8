import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Account, Api, createAccount } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import {
  connectAll,
  dialogBetween,
  groupOf,
  newCallId,
  nextEntry,
  nextError,
  nextSignal,
  nextUpdate,
  signal,
  VOICE_SDP,
} from "../support/calls.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { TestSocket } from "../support/socket.ts";

// A server of its own, with call timers short enough to watch them fire.
const RING_S = 2;
const GRACE_S = 2;
let app: AppServer;
let mail: MailCatcher;
let dataDir: string;
let api: () => Api;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-call-timers-"));
  mail = await startMailCatcher();
  app = await startAppServer({
    dataDir,
    smtpPort: mail.smtpPort,
    env: {
      CALL_RING_TIMEOUT: `${RING_S}s`,
      CALL_RECONNECT_GRACE: `${GRACE_S}s`,
      CALL_MAX_PARTICIPANTS: "3",
    },
  });
  const urls = { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` };
  api = () => new Api(undefined, urls);
});

afterAll(async () => {
  await app?.stop();
  await mail?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const open: TestSocket[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function sockets<T extends readonly Account[]>(accounts: readonly [...T]) {
  const list = await connectAll(app.url, accounts);
  open.push(...(list as TestSocket[]));
  return list;
}

/** Polls (bounded) until the call's timer job of this key has run and is gone from the queue. */
async function jobDone(key: string): Promise<void> {
  const client = new pg.Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    const until = Date.now() + 15_000;
    for (;;) {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1",
        [key],
      );
      if (rows[0].n === 0) return;
      if (Date.now() > until) throw new Error(`job ${key} still queued`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}

describe("call timers (durable jobs)", () => {
  it("an unanswered call is missed after the ring timeout, within about a second of its time", async () => {
    const a0 = api();
    const [alice, bob] = await Promise.all([createAccount(a0), createAccount(a0)]);
    const dialog = await dialogBetween(a0, alice, bob);
    const [a, b] = await sockets([alice, bob]);
    const id = newCallId();
    signal(a, dialog, id, { kind: "offer", sdp: VOICE_SDP });
    const { call } = await nextUpdate(a, id);
    const noAnswer = await nextSignal(a, id, "hangup", "no_answer");
    const firedAt = Date.now();
    expect(noAnswer.from_user_id).toBe(bob.userId);
    await nextSignal(b, id, "hangup", "missed");
    const late = firedAt - (Date.parse(call.started_at) + RING_S * 1000);
    console.log(`ring timeout fired ${late} ms after its time`);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(1500);
    const entry = await nextEntry(b, id);
    expect(entry.message).toMatchObject({ text: "Missed voice call", call: { outcome: "missed" } });
  });

  it("a callee who blocked the caller is not rung and notices nothing; the caller hears no answer", async () => {
    const a0 = api();
    const [alice, bob] = await Promise.all([createAccount(a0), createAccount(a0)]);
    const dialog = await dialogBetween(a0, alice, bob);
    expect(
      (await a0.post(`/v1/users/${alice.userId}/block`, undefined, bob.accessToken)).status,
    ).toBeLessThan(300);
    const [a, b] = await sockets([alice, bob]);
    const id = newCallId();
    signal(a, dialog, id, { kind: "offer", sdp: VOICE_SDP });
    await nextSignal(a, id, "hangup", "no_answer");
    expect((await nextEntry(a, id)).message.call.outcome).toBe("missed");
    // Bob's socket saw nothing of it, and his lists do not show it.
    b.send({ type: "ping" });
    await b.next("pong");
    expect(b.frames.filter((f) => f.type.startsWith("call_") || f.type === "new_message")).toHaveLength(0);
    expect((await a0.get(`/v1/calls?chat_id=${dialog}`, bob.accessToken)).body).toEqual([]);
    const history = await a0.get(`/v1/chats/${dialog}/messages`, bob.accessToken);
    expect(history.body.filter((m: any) => m.call)).toHaveLength(0);
  });

  it("a dropped socket ends the call after the grace; coming back in time keeps it going", async () => {
    const a0 = api();
    const [alice, bob] = await Promise.all([createAccount(a0), createAccount(a0)]);
    const dialog = await dialogBetween(a0, alice, bob);
    const [a, b] = await sockets([alice, bob]);

    // Back in time with an ICE-restart offer: the grace job runs and finds nothing to do.
    const kept = newCallId();
    signal(a, dialog, kept, { kind: "offer", sdp: VOICE_SDP });
    await nextSignal(b, kept, "offer");
    signal(b, dialog, kept, { kind: "answer", sdp: "v=0" });
    const { call } = await nextUpdate(a, kept, (c) => c.state === "active");
    await b.close();
    const back = await TestSocket.connect(app.url, bob.accessToken);
    open.push(back);
    signal(back, dialog, kept, { kind: "offer", sdp: "v=0 restart", ice_restart: true });
    await a.next("call_signal", (f) => f.call_id === kept && f.signal.sdp === "v=0 restart");
    await jobDone(`call_grace:${call.id}:${bob.userId}`);
    expect((await a0.get(`/v1/calls/${call.id}`, alice.accessToken)).body.state).toBe("active");

    // Not back: after the grace the call ends, connection_lost, and the other side is told.
    await back.close();
    const droppedAt = Date.now();
    const lost = await nextSignal(a, kept, "hangup", "connection_lost");
    expect(lost.from_user_id).toBe(bob.userId);
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(GRACE_S * 1000 - 100);
    const entry = await nextEntry(a, kept);
    expect(entry.message.text).toMatch(/^Voice call · \d+ s$/);
    expect(entry.message.call.outcome).toBe("connection_lost");
  });

  it("a group call takes at most CALL_MAX_PARTICIPANTS; ringing members become missed and the call goes on", async () => {
    const a0 = api();
    const [alice, bob, carol, dave] = await Promise.all([
      createAccount(a0),
      createAccount(a0),
      createAccount(a0),
      createAccount(a0),
    ]);
    const group = await groupOf(a0, alice, [bob, carol, dave], "Full");
    const [a, b, c, d] = await sockets([alice, bob, carol, dave]);
    const id = newCallId();
    signal(a, group, id, { kind: "join" });
    await nextUpdate(d, id);
    signal(b, group, id, { kind: "join" });
    signal(c, group, id, { kind: "join" });
    await nextUpdate(
      d,
      id,
      (call) => call.participants.filter((p: any) => p.state === "joined").length === 3,
    );
    signal(d, group, id, { kind: "join" });
    await nextError(d, id, "call_full");
    const timedOut = await nextUpdate(a, id, (call) =>
      call.participants.some((p: any) => p.state === "missed"),
    );
    expect(timedOut.call.state).toBe("active");
    expect(timedOut.call.participants.find((p: any) => p.user_id === dave.userId).state).toBe("missed");
    await nextSignal(d, id, "hangup", "missed");
    // A dropped participant leaves after the grace; the others go on.
    await c.close();
    const left = await nextUpdate(
      a,
      id,
      (call) => call.participants.some((p: any) => p.state === "left"),
      10_000,
    );
    expect(left.call.participants.find((p: any) => p.user_id === carol.userId).state).toBe("left");
    signal(d, group, id, { kind: "join" }); // room again
    await nextUpdate(
      a,
      id,
      (call) => call.participants.find((p: any) => p.user_id === dave.userId).state === "joined",
    );
    for (const s of [a, b, d]) signal(s, group, id, { kind: "hangup" });
    expect((await nextEntry(a, id)).message.call.outcome).toBe("completed");
  });
});
