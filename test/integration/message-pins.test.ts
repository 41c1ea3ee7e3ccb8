import { describe, expect, it } from "vitest";
import { type Account, Api, baseUrl, createAccount, expectError } from "../support/api.ts";
import { dialogOf } from "../support/media.ts";
import { TestSocket } from "../support/socket.ts";

const api = new Api();
const connect = (a: Account) => TestSocket.connect(baseUrl(), a.accessToken);
const pinPath = (chat: number, mid: number) => `/v1/chats/${chat}/messages/${mid}/pin`;
const pin = (who: Account, chat: number, mid: number) =>
  api.request("PUT", pinPath(chat, mid), { token: who.accessToken });
const unpin = (who: Account, chat: number, mid: number) =>
  api.request("DELETE", pinPath(chat, mid), { token: who.accessToken });
const send = async (who: Account, chat: number, text: string) =>
  (await api.post(`/v1/chats/${chat}/messages`, { text }, who.accessToken)).body.id as number;
const pins = (who: Account, chat: number) => api.get(`/v1/chats/${chat}/pins`, who.accessToken);

/** A group of an owner, an admin and a member, and someone outside it. */
async function group() {
  const [owner, admin, member, outsider] = await Promise.all(
    [1, 2, 3, 4].map(() => createAccount(new Api())),
  );
  const chat = await api.post(
    "/v1/chats",
    { type: "group", title: "pins", members: [admin!.userId, member!.userId] },
    owner!.accessToken,
  );
  const id = chat.body.id as number;
  const promoted = await api.request("PATCH", `/v1/chats/${id}/members/${admin!.userId}`, {
    token: owner!.accessToken,
    body: { role: "admin" },
  });
  expect(promoted.status).toBe(200);
  return { owner: owner!, admin: admin!, member: member!, outsider: outsider!, id };
}

describe("who may pin", () => {
  it("group owners and admins may pin and unpin; members get 403, outsiders 404", async () => {
    const { owner, admin, member, outsider, id } = await group();
    const mid = await send(member, id, "pin me");
    expectError(await pin(member, id, mid), 403, "not_chat_admin");
    expectError(await unpin(member, id, mid), 403, "not_chat_admin");
    expectError(await pin(outsider, id, mid), 404, "not_found");
    expectError(await pins(outsider, id), 404, "not_found");

    const pinned = await pin(admin, id, mid);
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({
      chat_id: id,
      message_id: mid,
      pinned: true,
      pinned_by: admin.userId,
    });
    // Idempotent: the same pin, not a second one.
    expect((await pin(owner, id, mid)).body).toEqual(pinned.body);
    expect((await pins(member, id)).body.map((p: any) => p.message_id)).toEqual([mid]);

    expect((await unpin(owner, id, mid)).status).toBe(204);
    expect((await unpin(owner, id, mid)).status).toBe(204);
    expect((await pins(member, id)).body).toEqual([]);
  });

  it("both people of a dialog may pin; a message of another chat is a 404", async () => {
    const [alice, bob] = await Promise.all([createAccount(new Api()), createAccount(new Api())]);
    const dialog = await dialogOf(api, alice, bob);
    const mid = await send(alice, dialog, "dialog pin");
    expect((await pin(bob, dialog, mid)).status).toBe(200);
    expect((await unpin(alice, dialog, mid)).status).toBe(204);
    expect((await pin(alice, dialog, mid)).status).toBe(200);
    const { id: other, owner } = await group();
    expectError(await pin(owner, other, mid), 404, "not_found");
    expectError(
      await api.request("PUT", pinPath(dialog, 0), { token: alice.accessToken }),
      422,
      "validation_failed",
    );
  });
});

describe("pins in history, the chat and the pin list", () => {
  it("lists newest pin first with the messages; history and the chat carry pinned / pinned_message_id", async () => {
    const { owner, member, id } = await group();
    const first = await send(member, id, "first");
    const second = await send(member, id, "second");
    await send(member, id, "third");
    await pin(owner, id, second);
    await pin(owner, id, first);
    const list = await pins(member, id);
    expect(list.status).toBe(200);
    expect(list.body.map((p: any) => [p.message_id, p.message.text])).toEqual([
      [first, "first"],
      [second, "second"],
    ]);
    expect(list.body[0].message.pinned).toBe(true);

    const history = (await api.get(`/v1/chats/${id}/messages`, member.accessToken)).body;
    expect(history.map((m: any) => [m.text, m.pinned])).toEqual([
      ["third", false],
      ["second", true],
      ["first", true],
    ]);
    const chat = (await api.get(`/v1/chats/${id}`, member.accessToken)).body;
    expect(chat.pinned_message_id).toBe(first);
    const listed = (await api.get("/v1/chats", member.accessToken)).body.find((c: any) => c.id === id);
    expect(listed.pinned_message_id).toBe(first);
  });

  it("deleting a message unpins it; a deleted message cannot be pinned", async () => {
    const { owner, member, id } = await group();
    const mid = await send(member, id, "soon gone");
    await pin(owner, id, mid);
    const socket = await connect(owner);
    try {
      expect(
        (await api.request("DELETE", `/v1/chats/${id}/messages/${mid}`, { token: member.accessToken }))
          .status,
      ).toBe(204);
      expect(await socket.next("message_pin", (f) => f.pinned === false)).toMatchObject({
        conversation_id: id,
        message_id: mid,
        by: member.userId,
      });
    } finally {
      await socket.close();
    }
    expect((await pins(owner, id)).body).toEqual([]);
    expect((await api.get(`/v1/chats/${id}`, owner.accessToken)).body.pinned_message_id).toBeNull();
    expectError(await pin(owner, id, mid), 409, "message_deleted");
  });

  it("caps a chat at 100 pins", async () => {
    const [alice, bob] = await Promise.all([createAccount(new Api()), createAccount(new Api())]);
    const dialog = await dialogOf(api, alice, bob);
    const ids: number[] = [];
    for (let i = 0; i < 101; i++) ids.push(await send(i % 2 ? alice : bob, dialog, `m${i}`));
    for (const mid of ids.slice(0, 100)) expect((await pin(alice, dialog, mid)).status).toBe(200);
    expectError(await pin(bob, dialog, ids[100]!), 409, "too_many_pins");
    expect((await pins(bob, dialog)).body).toHaveLength(100);
    // Re-pinning one already pinned is still fine at the cap.
    expect((await pin(bob, dialog, ids[5]!)).status).toBe(200);
    await unpin(bob, dialog, ids[0]!);
    expect((await pin(bob, dialog, ids[100]!)).status).toBe(200);
  }, 60_000);
});

describe("pins live", () => {
  it("message_pin reaches every member, for REST and socket pins alike; not outsiders", async () => {
    const { owner, admin, member, outsider, id } = await group();
    const mid = await send(member, id, "live pin");
    const [o, a, m, x] = await Promise.all([
      connect(owner),
      connect(admin),
      connect(member),
      connect(outsider),
    ]);
    try {
      await pin(admin, id, mid);
      for (const s of [o, a, m]) {
        const frame = await s.next("message_pin");
        expect(frame).toMatchObject({
          type: "message_pin",
          conversation_id: id,
          message_id: mid,
          pinned: true,
          by: admin.userId,
        });
        expect(typeof frame.pinned_at).toBe("string");
      }
      o.send({ type: "unpin_message", message_id: mid });
      expect(await m.next("message_pin", (f) => !f.pinned)).toMatchObject({
        message_id: mid,
        by: owner.userId,
      });
      m.send({ type: "pin_message", message_id: mid });
      expect((await m.next("error")).code).toBe("not_chat_admin");
      a.send({ type: "pin_message", message_id: mid });
      await o.next(
        "message_pin",
        (f) => f.pinned && f.by === admin.userId && o.all("message_pin").length === 3,
      );
      x.send({ type: "ping" });
      await x.next("pong");
      expect(x.all("message_pin")).toEqual([]);
    } finally {
      await Promise.all([o, a, m, x].map((s) => s.close()));
    }
  });
});
