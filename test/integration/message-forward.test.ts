import { describe, expect, it } from "vitest";
import { type Account, Api, baseUrl, createAccount, expectError } from "../support/api.ts";
import { dialogOf, fetchMedia, png, upload } from "../support/media.ts";
import { TestSocket } from "../support/socket.ts";

const api = new Api();
const connect = (a: Account) => TestSocket.connect(baseUrl(), a.accessToken);
const send = async (who: Account, chat: number, body: Record<string, unknown>) => {
  const res = await api.post(`/v1/chats/${chat}/messages`, body, who.accessToken);
  expect(res.status).toBe(201);
  return res.body.id as number;
};
const forward = (who: Account, target: number, body: Record<string, unknown>) =>
  api.post(`/v1/chats/${target}/messages/forward`, body, who.accessToken);
const history = async (who: Account, chat: number) =>
  (await api.get(`/v1/chats/${chat}/messages`, who.accessToken)).body as any[];

/** alice and bob talk; alice forwards to carol. */
async function people() {
  const [alice, bob, carol, outsider] = await Promise.all([1, 2, 3, 4].map(() => createAccount(new Api())));
  const source = await dialogOf(api, alice!, bob!);
  const target = await dialogOf(api, alice!, carol!);
  return { alice: alice!, bob: bob!, carol: carol!, outsider: outsider!, source, target };
}

describe("forwarding messages", () => {
  it("stores new messages of the forwarder in the original order, with forwarded_from; the recipient sees them live", async () => {
    const { alice, bob, carol, source, target } = await people();
    const first = await send(bob, source, { text: "one" });
    const second = await send(alice, source, { text: "two" });
    const third = await send(bob, source, { text: "three" });
    const c = await connect(carol);
    try {
      // The ids in any order: the forward keeps the chat's order.
      const res = await forward(alice, target, { from_chat_id: source, message_ids: [third, first, second] });
      expect(res.status).toBe(201);
      const messages = res.body.messages;
      expect(messages.map((m: any) => m.text)).toEqual(["one", "two", "three"]);
      expect(messages.every((m: any) => m.sender_id === alice.userId && m.chat_id === target)).toBe(true);
      expect(messages[0].forwarded_from).toEqual({
        user_id: bob.userId,
        display_name: bob.username,
        message_id: first,
        chat_id: source,
      });
      expect(messages[1].forwarded_from.user_id).toBe(alice.userId);
      const live = [
        await c.next("new_message"),
        await c.next("new_message", (f) => f.message.text === "three"),
      ];
      expect(live[0].message).toMatchObject({ text: "one", forwarded_from: { user_id: bob.userId } });
      expect(live[1].message.id).toBeGreaterThan(live[0].message.id);
    } finally {
      await c.close();
    }
    const seen = await history(carol, target);
    expect(seen.map((m) => [m.text, m.forwarded_from?.display_name])).toEqual([
      ["three", bob.username],
      ["two", alice.username],
      ["one", bob.username],
    ]);
    const chat = (await api.get("/v1/chats", carol.accessToken)).body.find((x: any) => x.id === target);
    expect(chat.last_message.text).toBe("three");
    expect(chat.unread_count).toBe(3);
    // Ordinary messages carry forwarded_from: null.
    expect((await history(bob, source))[0].forwarded_from).toBeNull();
  });

  it("a forward of a forward keeps the original author", async () => {
    const { alice, bob, carol, source, target } = await people();
    const mid = await send(bob, source, { text: "original" });
    const once = (await forward(alice, target, { from_chat_id: source, message_ids: [mid] })).body
      .messages[0];
    const [dave] = [await createAccount(new Api())];
    const onward = await dialogOf(api, carol, dave);
    const twice = await forward(carol, onward, { from_chat_id: target, message_ids: [once.id] });
    expect(twice.status).toBe(201);
    expect(twice.body.messages[0]).toMatchObject({
      sender_id: carol.userId,
      text: "original",
      forwarded_from: { user_id: bob.userId, display_name: bob.username, message_id: mid, chat_id: source },
    });
  });

  it("shares the attachments: the target's members can download them", async () => {
    const { alice, bob, carol, source, target } = await people();
    const file = await upload(api, bob, await png(4, 3), "image/png", "dot.png");
    const mid = await send(bob, source, { text: "", attachments: [file] });
    expect((await api.get(`/v1/media/${file}`, carol.accessToken)).status).toBe(404);
    const res = await forward(alice, target, { from_chat_id: source, message_ids: [mid] });
    expect(res.status).toBe(201);
    const [copy] = res.body.messages[0].attachments;
    expect(copy).toMatchObject({ filename: "dot.png", content_type: "image/png", width: 4, height: 3 });
    expect(copy.id).not.toBe(file);
    const { res: download, bytes } = await fetchMedia(api, carol, `/v1/media/${copy.id}/download`);
    expect(download.status).toBe(200);
    expect(bytes.equals(await png(4, 3))).toBe(true);
    expect((await history(carol, target))[0].attachments).toHaveLength(1);
  });

  it("is idempotent under retry with a temp_id", async () => {
    const { alice, bob, source, target } = await people();
    const a = await send(bob, source, { text: "a" });
    const b = await send(bob, source, { text: "b" });
    const body = { from_chat_id: source, message_ids: [a, b], temp_id: "fwd-1" };
    const first = await forward(alice, target, body);
    const again = await forward(alice, target, body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.messages.map((m: any) => m.id)).toEqual(first.body.messages.map((m: any) => m.id));
    expect(await history(alice, target)).toHaveLength(2);
  });

  it("needs membership of both chats, visible and forwardable messages", async () => {
    const { alice, bob, carol, outsider, source, target } = await people();
    const mid = await send(bob, source, { text: "secret" });
    // carol is not in the source chat; the outsider is in neither.
    expectError(await forward(carol, target, { from_chat_id: source, message_ids: [mid] }), 404, "not_found");
    const mine = await dialogOf(api, outsider, alice);
    expectError(
      await forward(outsider, mine, { from_chat_id: source, message_ids: [mid] }),
      404,
      "not_found",
    );
    expectError(await forward(bob, target, { from_chat_id: source, message_ids: [mid] }), 404, "not_found");
    // A message id of another chat, or one that does not exist.
    const elsewhere = await send(carol, target, { text: "other chat" });
    expectError(
      await forward(alice, target, { from_chat_id: source, message_ids: [mid, elsewhere] }),
      404,
      "not_found",
    );
    // Deleted for everyone, or deleted for the forwarder alone.
    const gone = await send(bob, source, { text: "gone" });
    await api.request("DELETE", `/v1/chats/${source}/messages/${gone}`, { token: bob.accessToken });
    expectError(
      await forward(alice, target, { from_chat_id: source, message_ids: [gone] }),
      422,
      "not_forwardable",
    );
    const hidden = await send(bob, source, { text: "hidden for alice" });
    await api.request("DELETE", `/v1/chats/${source}/messages/${hidden}?for=me`, {
      token: alice.accessToken,
    });
    expectError(
      await forward(alice, target, { from_chat_id: source, message_ids: [hidden] }),
      404,
      "not_found",
    );
    // Bad bodies.
    for (const body of [
      { from_chat_id: source, message_ids: [] },
      { from_chat_id: source, message_ids: [mid, mid] },
      { from_chat_id: source, message_ids: Array.from({ length: 101 }, (_, i) => i + 1) },
      { message_ids: [mid] },
    ])
      expectError(await forward(alice, target, body), 422, "validation_failed");
    expect(await history(carol, target)).toHaveLength(1);
  });

  it("into a dialog whose other person blocked the forwarder: stored, but not shown to them", async () => {
    const { alice, bob, carol, source, target } = await people();
    const mid = await send(bob, source, { text: "for carol?" });
    expect((await api.post(`/v1/users/${alice.userId}/block`, undefined, carol.accessToken)).status).toBe(
      204,
    );
    const c = await connect(carol);
    try {
      expect((await forward(alice, target, { from_chat_id: source, message_ids: [mid] })).status).toBe(201);
      c.send({ type: "ping" });
      await c.next("pong");
      expect(c.all("new_message")).toEqual([]);
    } finally {
      await c.close();
    }
    expect(await history(carol, target)).toEqual([]);
    expect((await history(alice, target))[0].text).toBe("for carol?");
  });

  it("over the socket: forward_messages answers messages_forwarded", async () => {
    const { alice, bob, carol, source, target } = await people();
    const mid = await send(bob, source, { text: "via socket" });
    const [a, c] = await Promise.all([connect(alice), connect(carol)]);
    try {
      a.send({
        type: "forward_messages",
        conversation_id: target,
        from_chat_id: source,
        message_ids: [mid],
        temp_id: "s1",
      });
      const ack = await a.next("messages_forwarded");
      expect(ack.temp_id).toBe("s1");
      expect(ack.messages[0]).toMatchObject({ text: "via socket", forwarded_from: { user_id: bob.userId } });
      expect((await c.next("new_message")).message.id).toBe(ack.messages[0].id);
      a.send({ type: "forward_messages", conversation_id: target, from_chat_id: source, message_ids: [] });
      expect((await a.next("error")).code).toBe("validation_failed");
    } finally {
      await Promise.all([a.close(), c.close()]);
    }
  });
});
