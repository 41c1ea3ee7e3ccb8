import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client.ts";
import { type Account, Api, createAccount } from "../support/api.ts";
import { sql } from "../support/db.ts";
import { referenceHistory } from "../support/history-reference.ts";
import { png, upload } from "../support/media.ts";

// History moved from five Prisma queries to one prepared statement; its answers must not change by
// a byte. Each page is compared with the old implementation (test/support/history-reference.ts)
// reading the same database, over blocked senders, attachments, calls, edits, deletions,
// moderation, receipts of several members, and the cursors' edges.
describe("history pages are the same as before, byte for byte", () => {
  const api = new Api();
  let db: PrismaClient;
  let alice: Account;
  let bob: Account;
  let carol: Account;
  let dave: Account;
  let group: number;
  let dialog: number;
  const ids: Record<string, number> = {};

  async function send(who: Account, chatId: number, body: object): Promise<number> {
    const res = await api.post(`/v1/chats/${chatId}/messages`, body, who.accessToken);
    if (res.status !== 201) throw new Error(`send failed ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async function callEntry(chatId: number, caller: Account, answered: boolean): Promise<number> {
    const [call] = await sql<{ id: number }>(
      `INSERT INTO calls (call_id, chat_id, caller_id, caller_device_id, kind, is_group, state,
                          started_at, answered_at, ended_at, end_reason)
       VALUES ($1, $2, $3, $4, 'video', true, 'ended', now() - interval '5 minutes',
               CASE WHEN $5 THEN now() - interval '4 minutes' END, now(),
               (CASE WHEN $5 THEN 'completed' ELSE 'missed' END)::"CallEndReason")
       RETURNING id`,
      [`call-${Math.random()}`, chatId, caller.userId, caller.deviceId, answered],
    );
    const [message] = await sql<{ id: number }>(
      `INSERT INTO messages (chat_id, sender_id, text, call_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [chatId, caller.userId, answered ? "Group video call · 4 min" : "Missed group call", call!.id],
    );
    await sql("UPDATE calls SET message_id = $2 WHERE id = $1", [call!.id, message!.id]);
    return message!.id;
  }

  beforeAll(async () => {
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject("databaseUrl") }) });
    [alice, bob, carol, dave] = (await Promise.all([1, 2, 3, 4].map(() => createAccount(new Api())))) as [
      Account,
      Account,
      Account,
      Account,
    ];
    const created = await api.post(
      "/v1/chats",
      { type: "group", title: "history", members: [bob.userId, carol.userId] },
      alice.accessToken,
    );
    group = created.body.id;
    dialog = (await api.post("/v1/dialogs", { user_id: bob.userId }, alice.accessToken)).body.id;

    ids.first = await send(alice, group, { text: "first" });
    ids.fromCarol = await send(carol, group, { text: "carol speaks", temp_id: "c-1" });
    ids.reply = await send(bob, group, { text: "a reply", reply_to_id: ids.first });
    const picture = await upload(api, alice, await png(64, 48), "image/png", "picture.png");
    const notes = await upload(api, alice, new TextEncoder().encode("some notes"), "text/plain", "notes.txt");
    ids.withFiles = await send(alice, group, { text: "two files", attachments: [picture, notes] });
    ids.carolAgain = await send(carol, group, { text: "carol again" });
    ids.edited = await send(bob, group, { text: "before the edit" });
    await api.request("PATCH", `/v1/chats/${group}/messages/${ids.edited}`, {
      body: { text: "after the edit" },
      token: bob.accessToken,
    });
    ids.deleted = await send(alice, group, { text: "regretted" });
    const gone = await upload(api, bob, await png(10, 10), "image/png", "gone.png");
    ids.deletedWithFile = await send(bob, group, { text: "", attachments: [gone] });
    for (const [who, id] of [
      [alice, ids.deleted],
      [bob, ids.deletedWithFile],
    ] as const) {
      const res = await api.request("DELETE", `/v1/chats/${group}/messages/${id}`, {
        token: who.accessToken,
      });
      expect(res.status).toBeLessThan(300);
    }
    ids.moderated = await send(carol, group, { text: "moderated away" });
    await sql("UPDATE messages SET moderated_at = now() WHERE id = $1", [ids.moderated]);
    ids.answeredCall = await callEntry(group, bob, true);
    ids.missedCall = await callEntry(group, carol, false);
    ids.last = await send(bob, group, { text: "last" });

    // Receipts (a sender's own marks move to what they send): bob read up to the reply and got up
    // to the edit; carol got up to the files; alice got up to the first call entry.
    const mark = (who: Account, kind: string, id: number) =>
      api.post(`/v1/chats/${group}/messages/${id}/${kind}`, undefined, who.accessToken);
    await mark(bob, "delivered", ids.edited);
    await mark(bob, "read", ids.reply);
    await mark(carol, "delivered", ids.withFiles);
    await mark(alice, "delivered", ids.answeredCall);
    await api.post(`/v1/users/${carol.userId}/block`, undefined, alice.accessToken);

    await send(alice, dialog, { text: "hi bob" });
    await send(bob, dialog, { text: "hi alice" });
  });

  afterAll(async () => {
    await db?.$disconnect();
  });

  async function raw(who: Account, chatId: number, query: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`${api.baseUrl}/v1/chats/${chatId}/messages?${query}`, {
      headers: { authorization: `Bearer ${who.accessToken}`, "x-forwarded-for": api.ip },
    });
    return { status: res.status, text: await res.text() };
  }

  async function expectSame(who: Account, chatId: number, query: string): Promise<void> {
    const params = new URLSearchParams(query);
    const number = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
    const reference = await referenceHistory(db, who.userId, chatId, {
      limit: number("limit") ?? 50,
      beforeId: number("before_id") ?? number("before"),
      afterId: number("after_id"),
    });
    const got = await raw(who, chatId, query);
    if (reference === "not_found") {
      expect(got.status, query).toBe(404);
      expect(JSON.parse(got.text).error.code).toBe("not_found");
      return;
    }
    expect(got.status, query).toBe(200);
    expect(got.text, `${who.email} ${query}`).toBe(JSON.stringify(reference));
  }

  it("the pages a test can see: content, blocked senders, attachments, calls, statuses", async () => {
    const forAlice = JSON.parse((await raw(alice, group, "limit=100")).text);
    expect(forAlice.map((m: any) => m.id)).not.toContain(ids.fromCarol);
    expect(forAlice.map((m: any) => m.id)).not.toContain(ids.missedCall); // carol was the caller
    const forBob = JSON.parse((await raw(bob, group, "limit=100")).text);
    const byId = new Map(forBob.map((m: any) => [m.id, m]));
    expect(byId.get(ids.fromCarol)).toMatchObject({ temp_id: "c-1", status: "read" });
    expect(byId.get(ids.first)).toMatchObject({ status: "read" });
    expect(byId.get(ids.edited)).toMatchObject({
      text: "after the edit",
      status: "read",
      edited_at: expect.any(String),
    });
    expect(byId.get(ids.reply)).toMatchObject({ reply_to_id: ids.first, status: "read" }); // alice sent after it
    expect((byId.get(ids.withFiles) as any).attachments.map((a: any) => a.filename)).toEqual([
      "picture.png",
      "notes.txt",
    ]);
    expect((byId.get(ids.withFiles) as any).attachments[0]).toMatchObject({ width: 64, height: 48 });
    expect(byId.get(ids.deletedWithFile)).toMatchObject({
      text: "",
      attachments: [],
      deleted_at: expect.any(String),
    });
    expect(byId.get(ids.moderated)).toMatchObject({ text: "", moderated_at: expect.any(String) });
    expect((byId.get(ids.answeredCall) as any).call).toMatchObject({
      outcome: "completed",
      duration_seconds: 240,
    });
    expect((byId.get(ids.missedCall) as any).call).toMatchObject({
      outcome: "missed",
      duration_seconds: null,
    });
    // After alice's and carol's reads: delivered (alice got it), then sent (nobody got it yet).
    expect(byId.get(ids.answeredCall)).toMatchObject({ status: "delivered" });
    expect(byId.get(ids.last)).toMatchObject({ status: "sent" });
  });

  it("every cursor, limit and reader gives the old answer", async () => {
    const all = Object.values(ids).sort((a, b) => a - b);
    const [otherChatMessage] = await sql<{ id: number }>(
      "SELECT id FROM messages WHERE chat_id = $1 ORDER BY id LIMIT 1",
      [dialog],
    );
    const queries = [
      "",
      "limit=1",
      "limit=3",
      "limit=100",
      `before_id=${2 ** 31 - 1}`,
      `after_id=${2 ** 31 - 1}`,
      "after_id=1",
      `before_id=${all[0]! + 1000}`,
      `before_id=${otherChatMessage!.id}&limit=5`,
      `after_id=${otherChatMessage!.id}&limit=5`,
      ...all.flatMap((id) => [`before_id=${id}&limit=4`, `after_id=${id}&limit=4`, `before=${id}&limit=2`]),
      ...all.filter((id) => id > 1).map((id) => `after_id=${id - 1}&limit=1`),
    ];
    for (const who of [alice, bob, carol, dave]) {
      for (const query of queries) await expectSame(who, group, query);
    }
    for (const query of ["", "limit=1", "after_id=1"]) {
      for (const who of [alice, bob, carol]) await expectSame(who, dialog, query);
    }
    // A chat that does not exist reads as one the reader is not in.
    await expectSame(alice, 2 ** 31 - 1, "");
  });
});
