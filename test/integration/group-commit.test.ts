import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BenchUser, insertDialogs, insertGroup, insertUsers, loginAll } from "../../bench/lib/setup.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { waitUntil } from "../support/postgres-process.ts";
import { TestSocket } from "../support/socket.ts";

// A server of its own: the batches can be held on purpose (a chat row locked by the test) without
// holding up other test files, and its write transactions are ours alone to count.
let mail: MailCatcher;
let dataDir: string;
let app: AppServer;
let db: pg.Client;
let users: BenchUser[];
let next = 0;
/** Users nobody else in this file has used. */
const take = (n: number) => {
  const some = users.slice(next, next + n);
  next += n;
  if (some.length < n) throw new Error("seed more users");
  return some;
};
const connect = (u: BenchUser) => TestSocket.connect(app.url, u.token);
const dialogs = (pairs: Array<[BenchUser, BenchUser]>) =>
  insertDialogs(
    db,
    pairs.map(([a, b]) => [a.id, b.id]),
  );

/**
 * Durable commits so far: every transaction that wrote got a transaction id (pg_stat_database's
 * xact_commit counts read-only ones too and reaches the view only seconds later).
 */
async function writeTransactions(): Promise<number> {
  const { rows } = await db.query("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS next");
  return Number(rows[0].next);
}

/** Locks a row from outside the app; a write that needs it waits in its batch until released. */
async function lockRow(select: string, values: number[]) {
  const lock = new pg.Client({ connectionString: app.databaseUrl });
  lock.on("error", () => {}); // the server may stop first when a test failed
  await lock.connect();
  await lock.query("BEGIN");
  await lock.query(select, values);
  const { rows } = await lock.query("SELECT pg_current_xact_id()::text::bigint AS xid");
  return {
    /** The lock's own transaction id (it is still open: the next ids are the app's). */
    xid: Number(rows[0].xid),
    /** Until the app's batch is seen waiting on the lock. */
    async waitedOn() {
      const waiting = await waitUntil(async () => {
        const { rows } = await db.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
        );
        return rows[0].n > 0;
      }, 10_000);
      if (!waiting) throw new Error("no batch waited on the lock");
    },
    async release() {
      await lock.query("COMMIT");
      await lock.end();
    },
  };
}

/** A send into that chat waits. */
const lockChat = (chat: number) => lockRow("SELECT id FROM chats WHERE id = $1 FOR UPDATE", [chat]);
/** A receipt of that member in that chat waits. */
const lockMember = (chat: number, user: number) =>
  lockRow("SELECT 1 FROM chat_members WHERE chat_id = $1 AND user_id = $2 FOR UPDATE", [chat, user]);

/** Until the server answered a ping on this socket (frames sent on it before were handled). */
async function pong(socket: TestSocket): Promise<void> {
  const before = socket.all("pong").length;
  socket.send({ type: "ping" });
  if (!(await waitUntil(() => socket.all("pong").length > before, 5000))) throw new Error("no pong");
}

/**
 * Holds one lane's batches behind one. Sends: a send into a locked chat starts a batch that waits
 * on the lock. Receipts: a mark whose member row is locked does the same. Whatever arrives in that
 * lane meanwhile gathers for its next transaction.
 */
async function holdBatches(lane: "sends" | "receipts") {
  const [holder, other] = take(2);
  const [chat] = await dialogs([[holder!, other!]]);
  const [socket, observer] = await Promise.all([connect(holder!), connect(other!)]);
  let marked = 0;
  if (lane === "receipts") {
    socket.send({ type: "send_message", temp_id: "to-mark", conversation_id: chat, text: "mark me" });
    marked = (await socket.next("message_sent", (f) => f.temp_id === "to-mark")).message.id;
  }
  const lock = lane === "sends" ? await lockChat(chat!) : await lockMember(chat!, other!.id);
  const start = Math.max(await writeTransactions(), lock.xid + 1);
  if (lane === "sends")
    socket.send({ type: "send_message", temp_id: "held", conversation_id: chat, text: "held" });
  else observer.send({ type: "delivered", conversation_id: chat, message_id: marked });
  await lock.waitedOn();
  return {
    /**
     * Frames already written on other sockets have reached the server: one written after them, on
     * an idle connection, was answered.
     */
    arrived: () => pong(lane === "sends" ? observer : socket),
    async release() {
      await lock.release();
      if (lane === "sends") await socket.next("message_sent", (f) => f.temp_id === "held");
      else await socket.next("delivered", (f) => f.message_id === marked);
    },
    close: () => Promise.all([socket.close(), observer.close()]),
    /** Write transactions since the hold began: the held batch's, and those after it. */
    transactions: async () => (await writeTransactions()) - start,
  };
}

beforeAll(async () => {
  mail = await startMailCatcher();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-group-commit-"));
  // The bursts here are far above what one person types: the per-user message limit is raised.
  app = await startAppServer({ dataDir, smtpPort: mail.smtpPort, env: { MESSAGE_RATE_LIMIT: "10000" } });
  db = new pg.Client({ connectionString: app.databaseUrl });
  db.on("error", () => {});
  await db.connect();
  users = await loginAll(app.url, await insertUsers(db, 90, "gc"));
});

afterAll(async () => {
  await db?.end();
  await app?.stop();
  await mail?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("group commit of sends and receipts", () => {
  it("a burst from many sockets: each message once, in order per sender, far fewer commits than writes", async () => {
    const PAIRS = 20;
    const EACH = 15;
    const senders = take(PAIRS);
    const readers = take(PAIRS);
    const chats = await dialogs(senders.map((s, i) => [s, readers[i]!]));
    const [out, inn] = await Promise.all([
      Promise.all(senders.map(connect)),
      Promise.all(readers.map(connect)),
    ]);
    // Readers acknowledge delivery as clients do.
    for (const r of inn) {
      r.ws.on("message", (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === "new_message")
          r.send({ type: "delivered", conversation_id: frame.conversation_id, message_id: frame.message.id });
      });
    }
    const before = await writeTransactions();
    out.forEach((s, i) => {
      for (let n = 0; n < EACH; n++)
        s.send({ type: "send_message", temp_id: `b-${n}`, conversation_id: chats[i], text: `#${n}` });
    });
    await Promise.all(out.map((s) => s.next("message_sent", (f) => f.temp_id === `b-${EACH - 1}`, 15_000)));
    const lastIds = out.map((s) => s.all("message_sent").at(-1).message.id as number);
    // Every reader's delivered mark reaches its chat's last message.
    expect(
      await waitUntil(async () => {
        const { rows } = await db.query(
          "SELECT count(*)::int AS n FROM chat_members WHERE chat_id = ANY($1) AND user_id = ANY($2) AND last_delivered_id = ANY($3)",
          [chats, readers.map((r) => r.id), lastIds],
        );
        return rows[0].n === PAIRS;
      }, 15_000),
    ).toBe(true);
    await Promise.all(out.map((s, i) => s.next("delivered", (f) => f.message_id === lastIds[i], 10_000)));
    const commits = (await writeTransactions()) - before;

    for (const [i, s] of out.entries()) {
      const acks = s.all("message_sent");
      expect(acks.map((a) => a.temp_id)).toEqual(Array.from({ length: EACH }, (_, n) => `b-${n}`));
      const ids = acks.map((a) => a.message.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(EACH);
      expect(acks[0].message).toMatchObject({ status: "sent", attachments: [], conversation_id: chats[i] });
      // The reader got each one once, in order.
      expect(inn[i]!.all("new_message").map((f) => f.message.id)).toEqual(ids);
      // Receipt frames only for marks that moved: never down, never repeated.
      const marks = s.all("delivered").map((f) => f.message_id);
      expect(marks).toEqual([...new Set(marks)].sort((a, b) => a - b));
    }
    const { rows } = await db.query(
      "SELECT chat_id, count(*)::int AS n, count(DISTINCT temp_id)::int AS distinct_temp_ids FROM messages WHERE chat_id = ANY($1) GROUP BY chat_id",
      [chats],
    );
    expect(rows).toHaveLength(PAIRS);
    for (const row of rows) expect(row).toMatchObject({ n: EACH, distinct_temp_ids: EACH });
    // 300 sends and 300 receipts, written one at a time, are 600 commits.
    const writes = PAIRS * EACH * 2;
    console.log(`group commit: ${writes} writes in ${commits} write transactions`);
    expect(commits).toBeLessThan(writes / 5);
    await Promise.all([...out, ...inn].map((s) => s.close()));
  }, 60_000);

  it("senders in one group keep their own order; every member gets every message once", async () => {
    const members = take(8);
    const group = await insertGroup(
      db,
      "burst",
      members.map((m) => m.id),
    );
    const sockets = await Promise.all(members.map(connect));
    sockets.forEach((s, i) => {
      for (let n = 0; n < 10; n++)
        s.send({ type: "send_message", temp_id: `g${i}-${n}`, conversation_id: group, text: `${i}:${n}` });
    });
    await Promise.all(sockets.map((s, i) => s.next("message_sent", (f) => f.temp_id === `g${i}-9`, 15_000)));
    const all = (await db.query("SELECT id, sender_id FROM messages WHERE chat_id = $1 ORDER BY id", [group]))
      .rows;
    expect(all).toHaveLength(80);
    for (const [i, s] of sockets.entries()) {
      const ids = s.all("message_sent").map((a) => a.message.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(all.filter((m) => m.sender_id === members[i]!.id).map((m) => m.id)).toEqual(ids);
      // Everyone else's messages, in id order.
      const others = all.filter((m) => m.sender_id !== members[i]!.id).map((m) => m.id);
      expect(await waitUntil(() => s.all("new_message").length === others.length, 10_000)).toBe(true);
      expect(s.all("new_message").map((f) => f.message.id)).toEqual(others);
    }
    const chat = (await db.query("SELECT last_message_id FROM chats WHERE id = $1", [group])).rows[0];
    expect(chat.last_message_id).toBe(all.at(-1).id);
    await Promise.all(sockets.map((s) => s.close()));
  }, 60_000);

  it("one batch: duplicates and refusals are answered per item, as a lone send would be", async () => {
    const [alice, bob, carol, outsider] = take(4);
    const [ab, ac] = await dialogs([
      [alice!, bob!],
      [alice!, carol!],
    ]);
    const [a1, a2, a3, a4, o] = await Promise.all([
      connect(alice!),
      connect(alice!),
      connect(alice!),
      connect(alice!),
      connect(outsider!),
    ]);
    a1.send({ type: "send_message", temp_id: "in-ac", conversation_id: ac, text: "to carol" });
    const inCarols = (await a1.next("message_sent")).message;

    const held = await holdBatches("sends");
    // Sent at once from two connections: both land in the batch after the held one.
    a1.send({ type: "send_message", temp_id: "twice", conversation_id: ab, text: "once" });
    a2.send({ type: "send_message", temp_id: "twice", conversation_id: ab, text: "once" });
    a3.send({ type: "send_message", temp_id: "in-ac", conversation_id: ab, text: "elsewhere" });
    o.send({ type: "send_message", temp_id: "intruder", conversation_id: ab, text: "let me in" });
    a4.send({
      type: "send_message",
      temp_id: "bad-reply",
      conversation_id: ab,
      text: "re",
      reply_to_id: inCarols.id,
    });
    await held.arrived();
    await held.release();

    const [first, second] = await Promise.all([
      a1.next("message_sent", (f) => f.temp_id === "twice"),
      a2.next("message_sent", (f) => f.temp_id === "twice"),
    ]);
    expect(second.message).toEqual(first.message);
    expect(first.message).toMatchObject({ text: "once", conversation_id: ab, temp_id: "twice" });
    expect((await a3.next("error", (f) => f.temp_id === "in-ac")).code).toBe("temp_id_conflict");
    expect((await o.next("error", (f) => f.temp_id === "intruder")).code).toBe("not_found");
    expect((await a4.next("error", (f) => f.temp_id === "bad-reply")).code).toBe("invalid_reply");
    const stored = await db.query("SELECT temp_id FROM messages WHERE chat_id = $1", [ab]);
    expect(stored.rows.map((r) => r.temp_id)).toEqual(["twice"]);
    // The held batch, then all of these in one transaction.
    expect(await held.transactions()).toBe(2);
    // Resent later, alone: the same message again.
    a2.send({ type: "send_message", temp_id: "twice", conversation_id: ab, text: "once" });
    await waitUntil(() => a2.all("message_sent").length === 2, 5000);
    expect(a2.all("message_sent")[1].message).toEqual(first.message);
    await Promise.all([held.close(), ...[a1, a2, a3, a4, o].map((s) => s.close())]);
  }, 30_000);

  it("receipts in one batch: coalesced to the highest mark, frames only for moves, a bad one fails alone", async () => {
    const [alice, bob, carol] = take(3);
    const [ab, ac] = await dialogs([
      [alice!, bob!],
      [alice!, carol!],
    ]);
    const [a, b1, b2, b3, b4, c] = await Promise.all([
      connect(alice!),
      connect(bob!),
      connect(bob!),
      connect(bob!),
      connect(bob!),
      connect(carol!),
    ]);
    const sent: number[] = [];
    for (let n = 0; n < 3; n++) {
      a.send({ type: "send_message", temp_id: `r-${n}`, conversation_id: ab, text: `${n}` });
      sent.push((await a.next("message_sent", (f) => f.temp_id === `r-${n}`)).message.id);
    }
    a.send({ type: "send_message", temp_id: "to-carol", conversation_id: ac, text: "c" });
    const toCarol = (await a.next("message_sent", (f) => f.temp_id === "to-carol")).message.id;

    const held = await holdBatches("receipts");
    b1.send({ type: "delivered", conversation_id: ab, message_id: sent[2] });
    b2.send({ type: "delivered", conversation_id: ab, message_id: sent[0] });
    b3.send({ type: "read", conversation_id: ab, message_id: sent[1] });
    b4.send({ type: "delivered", message_id: toCarol }); // not bob's chat
    c.send({ type: "delivered", message_id: toCarol });
    await held.arrived();
    await held.release();

    expect((await b4.next("error")).code).toBe("not_found");
    await a.next("delivered", (f) => f.message_id === toCarol && f.user_id === carol!.id);
    await a.next("read", (f) => f.message_id === sent[1]);
    await a.next("delivered", (f) => f.message_id === sent[2] && f.user_id === bob!.id);
    const marks = await db.query(
      "SELECT last_delivered_id, last_read_id FROM chat_members WHERE chat_id = $1 AND user_id = $2",
      [ab, bob!.id],
    );
    expect(marks.rows[0]).toEqual({ last_delivered_id: sent[2], last_read_id: sent[1] });
    // One move of each mark: no frame for the lower delivered mark.
    await Promise.all([b1, b2, b3, c].map(pong));
    expect(
      a
        .all("delivered")
        .filter((f) => f.user_id === bob!.id)
        .map((f) => f.message_id),
    ).toEqual([sent[2]]);
    expect(a.all("read").map((f) => f.message_id)).toEqual([sent[1]]);
    expect([b1, b2, b3, c].flatMap((s) => s.all("error"))).toEqual([]);
    // The held batch, then all of these in one transaction.
    expect(await held.transactions()).toBe(2);
    // A mark below the current one moves nothing and tells nobody.
    b1.send({ type: "delivered", conversation_id: ab, message_id: sent[1] });
    b1.send({ type: "read", conversation_id: ab, message_id: sent[0] });
    await pong(b1);
    // Frames to `a` published before its ACK arrive before it.
    a.send({ type: "send_message", temp_id: "after", conversation_id: ab, text: "after" });
    await a.next("message_sent", (f) => f.temp_id === "after");
    expect(a.all("delivered").filter((f) => f.user_id === bob!.id)).toHaveLength(1);
    expect(a.all("read")).toHaveLength(1);
    await Promise.all([held.close(), ...[a, b1, b2, b3, b4, c].map((s) => s.close())]);
  }, 30_000);

  it("a batch whose statement fails is retried item by item: only the bad item fails", async () => {
    const [alice, bob, carol] = take(3);
    const [ab, cb] = await dialogs([
      [alice!, bob!],
      [carol!, bob!],
    ]);
    await db.query(`
      CREATE FUNCTION test_refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.text = 'boom' THEN RAISE EXCEPTION 'refused by the test'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_refuse_boom BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION test_refuse_boom();`);
    try {
      const [a, c, b] = await Promise.all([connect(alice!), connect(carol!), connect(bob!)]);
      const held = await holdBatches("sends");
      a.send({ type: "send_message", temp_id: "boom", conversation_id: ab, text: "boom" });
      c.send({ type: "send_message", temp_id: "fine", conversation_id: cb, text: "fine" });
      b.send({ type: "read", conversation_id: cb, message_id: 2 ** 31 - 1 });
      await held.arrived();
      await held.release();
      expect((await a.next("error", (f) => f.temp_id === "boom")).code).toBe("internal_error");
      expect((await c.next("message_sent", (f) => f.temp_id === "fine")).message.text).toBe("fine");
      expect((await b.next("error")).code).toBe("not_found");
      await b.next("new_message", (f) => f.message.temp_id === "fine");
      expect(app.logs.some((l) => l.includes("each is retried alone"))).toBe(true);
      await Promise.all([held.close(), ...[a, c, b].map((s) => s.close())]);
    } finally {
      await db.query("DROP TRIGGER test_refuse_boom ON messages; DROP FUNCTION test_refuse_boom();");
    }
  }, 30_000);
});

describe("back-pressure on the socket", () => {
  it("past the bound a frame is refused with overloaded (its temp_id); nothing ACKed is lost", async () => {
    const [alice, bob] = take(2);
    const [chat] = await dialogs([[alice!, bob!]]);
    const a = await connect(alice!);
    const held = await holdBatches("sends");
    let n = 0;
    const sendOne = () => {
      a.send({ type: "send_message", temp_id: `f-${n}`, conversation_id: chat, text: `${n}` });
      n++;
    };
    // A burst the frame limiter lets through, then steadily under its rate until refused.
    for (let i = 0; i < 50; i++) sendOne();
    const until = Date.now() + 10_000;
    while (!a.all("error").some((f) => f.code === "overloaded") && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 40));
      sendOne();
    }
    const refused = a.all("error").some((f) => f.code === "overloaded");
    expect(refused).toBe(true);
    await held.release();
    const answered = () => a.all("message_sent").length + a.all("error").length;
    expect(await waitUntil(() => answered() === n, 15_000)).toBe(true);

    const errors = a.all("error");
    expect(errors.every((f) => f.code === "overloaded" && /overloaded/.test(f.message))).toBe(true);
    const acked = a.all("message_sent").map((f) => f.temp_id);
    expect(acked).toHaveLength(100);
    expect(new Set([...acked, ...errors.map((f) => f.temp_id)]).size).toBe(n);
    const stored = await db.query("SELECT temp_id FROM messages WHERE chat_id = $1 ORDER BY id", [chat]);
    expect(stored.rows.map((r) => r.temp_id)).toEqual(acked);
    await Promise.all([held.close(), a.close()]);
  }, 30_000);

  it("frames of a connection that closed are dropped, not worked off", async () => {
    const [alice, bob] = take(2);
    const [chat] = await dialogs([[alice!, bob!]]);
    // Bob watches Alice's presence: he is connected first, so he sees her come and go.
    const b = await connect(bob!);
    const a = await connect(alice!);
    await b.next("online_status", (f) => f.user_id === alice!.id && f.online);
    // The first send waits on the lock in its batch; the others queue behind it on the connection.
    const lock = await lockChat(chat!);
    for (let i = 0; i < 30; i++)
      a.send({ type: "send_message", temp_id: `c-${i}`, conversation_id: chat, text: `${i}` });
    await lock.waitedOn();
    a.ws.terminate();
    await b.next("online_status", (f) => f.user_id === alice!.id && !f.online);
    await lock.release();
    const stored = async () =>
      (await db.query("SELECT temp_id FROM messages WHERE chat_id = $1 ORDER BY id", [chat])).rows.map(
        (r) => r.temp_id,
      );
    // The one already in its batch is stored; had the rest been worked off, the next would be
    // submitted as soon as it was and stored before a send that comes later.
    expect(await waitUntil(async () => (await stored()).length > 0, 10_000)).toBe(true);
    const again = await connect(alice!);
    again.send({ type: "send_message", temp_id: "later", conversation_id: chat, text: "later" });
    await again.next("message_sent");
    expect(await stored()).toEqual(["c-0", "later"]);
    await Promise.all([again.close(), b.close()]);
  }, 30_000);
});
