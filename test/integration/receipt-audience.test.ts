import { describe, expect, it } from "vitest";
import { type Account, Api, baseUrl, createAccount } from "../support/api.ts";
import { sql } from "../support/db.ts";
import { TestSocket } from "../support/socket.ts";

const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
const connect = (a: Account) => TestSocket.connect(baseUrl(), a.accessToken);
const receipts = (s: TestSocket, type: string, messageId: number) =>
  s.all(type).filter((f) => f.message_id === messageId);

async function group(api: Api, owner: Account, members: Account[]): Promise<number> {
  const body = { type: "group", title: "Receipts", members: members.map((m) => m.userId) };
  return (await api.post("/v1/chats", body, owner.accessToken)).body.id as number;
}

describe("who hears of a delivered/read mark", () => {
  it("in a group: the authors of the messages it passes and the reader's own devices, not every member", async () => {
    const api = new Api();
    const [alice, bob, carol, dave] = await Promise.all([1, 2, 3, 4].map(() => createAccount(api)));
    const chat = await group(api, alice!, [bob!, carol!, dave!]);
    const [a, b, c1, c2, d] = await Promise.all([alice!, bob!, carol!, carol!, dave!].map(connect));

    const first = (await api.post(`/v1/chats/${chat}/messages`, { text: "one" }, alice!.accessToken)).body;
    await c1!.next("new_message", (f) => f.message.id === first.id);
    c1!.send({ type: "delivered", message_id: first.id });
    expect(await a!.next("delivered", (f) => f.message_id === first.id)).toMatchObject({
      conversation_id: chat,
      user_id: carol!.userId,
    });
    await c2!.next("delivered", (f) => f.message_id === first.id); // Carol's other device
    await settle();
    expect(receipts(b!, "delivered", first.id)).toHaveLength(0);
    expect(receipts(d!, "delivered", first.id)).toHaveLength(0);

    // Carol reads up to Bob's newer message: the read passes Alice's and Bob's messages.
    const second = (await api.post(`/v1/chats/${chat}/messages`, { text: "two" }, bob!.accessToken)).body;
    const read = await api.post(`/v1/chats/${chat}/messages/${second.id}/read`, {}, carol!.accessToken);
    expect(read.status).toBeLessThan(300);
    await Promise.all([a!, b!, c1!, c2!].map((s) => s.next("read", (f) => f.message_id === second.id)));
    await settle();
    expect(receipts(d!, "read", second.id)).toHaveLength(0);

    // In a dialog both members hear of every mark, as before.
    const dialog = (await api.post("/v1/dialogs", { user_id: dave!.userId }, bob!.accessToken)).body.id;
    const hello = (await api.post(`/v1/chats/${dialog}/messages`, { text: "hi" }, bob!.accessToken)).body;
    d!.send({ type: "read", message_id: hello.id });
    await Promise.all([b!, d!].map((s) => s.next("read", (f) => f.message_id === hello.id)));
    await Promise.all([a!, b!, c1!, c2!, d!].map((s) => s.close()));
  });

  it("a mark that passes more than 500 messages tells every member instead of scanning them", async () => {
    const api = new Api();
    const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => createAccount(api)));
    const chat = await group(api, alice!, [bob!, carol!]);
    const lo = (
      await sql<{ lo: number }>("SELECT coalesce(max(id), 0)::int AS lo FROM messages WHERE chat_id = $1", [
        chat,
      ])
    )[0]!.lo;
    await sql(
      `INSERT INTO messages (chat_id, sender_id, text)
       SELECT $1, $2, 'backlog ' || n FROM generate_series(1, 501) AS n`,
      [chat, alice!.userId],
    );
    const hi = (
      await sql<{ hi: number }>("SELECT max(id)::int AS hi FROM messages WHERE chat_id = $1", [chat])
    )[0]!.hi;
    const everyone = [alice!.userId, bob!.userId, carol!.userId].sort((x, y) => x - y);
    const audience = async (from: number) =>
      (
        await sql<{ ids: number[] }>("SELECT stu_receipt_audience($1, $2, $3, $4) AS ids", [
          chat,
          carol!.userId,
          from,
          hi,
        ])
      )[0]!.ids.sort((x, y) => x - y);
    expect(await audience(lo)).toEqual(everyone);
    expect(await audience(hi - 500)).toEqual([alice!.userId, carol!.userId].sort((x, y) => x - y));
  });
});
