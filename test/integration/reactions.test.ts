import { describe, expect, it } from "vitest";
import { type Account, Api, baseUrl, createAccount, expectError } from "../support/api.ts";
import { TestSocket } from "../support/socket.ts";

const api = new Api();
const connect = (a: Account) => TestSocket.connect(baseUrl(), a.accessToken);
const path = (chat: number, mid: number, emoji?: string) =>
  `/v1/chats/${chat}/messages/${mid}/reactions${emoji === undefined ? "" : `/${encodeURIComponent(emoji)}`}`;
const put = (who: Account, chat: number, mid: number, emoji: string) =>
  api.request("PUT", path(chat, mid, emoji), { token: who.accessToken });
const del = (who: Account, chat: number, mid: number, emoji: string) =>
  api.request("DELETE", path(chat, mid, emoji), { token: who.accessToken });

async function group() {
  const [alice, bob, carol, outsider] = await Promise.all([1, 2, 3, 4].map(() => createAccount(new Api())));
  const chat = await api.post(
    "/v1/chats",
    { type: "group", title: "reactions", members: [bob!.userId, carol!.userId] },
    alice!.accessToken,
  );
  expect(chat.status).toBe(201);
  const id = chat.body.id as number;
  const sent = await api.post(`/v1/chats/${id}/messages`, { text: "react to me" }, alice!.accessToken);
  return { alice: alice!, bob: bob!, carol: carol!, outsider: outsider!, id, mid: sent.body.id as number };
}

const history = async (who: Account, chat: number) =>
  (await api.get(`/v1/chats/${chat}/messages`, who.accessToken)).body[0];

describe("reactions over REST", () => {
  it("several emoji per person, idempotent both ways, counts and `me` in history and the chat list", async () => {
    const { alice, bob, carol, id, mid } = await group();
    const first = await put(bob, id, mid, "👍");
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      message_id: mid,
      conversation_id: id,
      reactions: [{ emoji: "👍", count: 1, me: true }],
    });
    expect((await put(bob, id, mid, "👍")).body.reactions).toEqual([{ emoji: "👍", count: 1, me: true }]);
    await put(bob, id, mid, "❤️");
    await put(carol, id, mid, "👍");
    // A skin tone, a ZWJ family and a flag are one emoji each.
    for (const emoji of ["👍🏽", "👨‍👩‍👧", "🇫🇷"]) expect((await put(carol, id, mid, emoji)).status).toBe(200);

    expect((await history(bob, id)).reactions).toEqual([
      { emoji: "👍", count: 2, me: true },
      { emoji: "❤️", count: 1, me: true },
      { emoji: "👍🏽", count: 1, me: false },
      { emoji: "👨‍👩‍👧", count: 1, me: false },
      { emoji: "🇫🇷", count: 1, me: false },
    ]);
    expect((await history(alice, id)).reactions.map((r: any) => [r.count, r.me])).toEqual([
      [2, false],
      [1, false],
      [1, false],
      [1, false],
      [1, false],
    ]);
    const list = await api.get("/v1/chats", carol.accessToken);
    expect(list.body.find((c: any) => c.id === id).last_message.reactions[0]).toEqual({
      emoji: "👍",
      count: 2,
      me: true,
    });

    const removed = await del(bob, id, mid, "👍");
    expect(removed.status).toBe(200);
    const thumbs = (body: any) => body.reactions.find((r: any) => r.emoji === "👍");
    expect(thumbs(removed.body)).toEqual({ emoji: "👍", count: 1, me: false });
    expect(thumbs((await del(bob, id, mid, "👍")).body)).toEqual({ emoji: "👍", count: 1, me: false });
    expect((await del(alice, id, mid, "😂")).status).toBe(200); // never there: still fine

    const who = await api.get(path(id, mid), alice.accessToken);
    expect(who.status).toBe(200);
    // Emoji in the order they first appeared among the reactions left: bob's ❤️ is now the oldest.
    expect(who.body.reactions.map((r: any) => r.emoji)).toEqual(["❤️", "👍", "👍🏽", "👨‍👩‍👧", "🇫🇷"]);
    expect(who.body.reactions[1]).toEqual({
      emoji: "👍",
      count: 1,
      me: false,
      users: [{ id: carol.userId, username: carol.username, display_name: expect.any(String) }],
    });
    expect(who.body.reactions[0].users.map((u: any) => u.id)).toEqual([bob.userId]);
    // The dialogs alias answers the same.
    expect((await api.get(`/v1/dialogs/${id}/messages/${mid}/reactions`, alice.accessToken)).body).toEqual(
      who.body,
    );
  });

  it("one emoji only: text, two emoji, empty or malformed are 422", async () => {
    const { bob, id, mid } = await group();
    for (const bad of ["a", "ok", "👍👍", "👍 ", "<script>", "1", "%E0%A4%A"]) {
      expectError(await put(bob, id, mid, bad), 422, "validation_failed");
    }
    expect((await history(bob, id)).reactions).toEqual([]);
  });

  it("only members: everyone else gets 404, as for an unknown message or the wrong chat", async () => {
    const { alice, outsider, id, mid } = await group();
    expectError(await put(outsider, id, mid, "👍"), 404, "not_found");
    expectError(await del(outsider, id, mid, "👍"), 404, "not_found");
    expectError(await api.get(path(id, mid), outsider.accessToken), 404, "not_found");
    expectError(await put(alice, id, mid + 10_000, "👍"), 404, "not_found");
    const other = await api.post("/v1/dialogs", { user_id: outsider.userId }, alice.accessToken);
    expectError(await put(alice, other.body.id, mid, "👍"), 404, "not_found");
    expectError(await api.request("PUT", path(id, mid, "👍")), 401, "unauthorized");
  });

  it("caps: 10 emoji per person and 20 distinct per message (409), re-adding one is still fine", async () => {
    const { alice, bob, carol, id, mid } = await group();
    const emoji = [..."😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍🤩😘😗😚😙🥲"];
    for (const e of emoji.slice(0, 10)) expect((await put(bob, id, mid, e)).status).toBe(200);
    expectError(await put(bob, id, mid, emoji[10]!), 409, "too_many_reactions");
    expect((await put(bob, id, mid, emoji[0]!)).status).toBe(200);
    for (const e of emoji.slice(10, 20)) expect((await put(carol, id, mid, e)).status).toBe(200);
    expectError(await put(alice, id, mid, emoji[20]!), 409, "too_many_reactions");
    expect((await put(alice, id, mid, emoji[5]!)).status).toBe(200); // an emoji already there
    expect((await history(alice, id)).reactions).toHaveLength(20);
  });

  it("the caps hold when one person sends many reactions at once", async () => {
    const { bob, id, mid } = await group();
    const emoji = [..."🐶🐱🐭🐹🐰🦊🐻🐼🐨🐯🦁🐮🐷🐸🐵🐔🐧🐦🐤🦆"];
    const answers = await Promise.all(emoji.map((e) => put(bob, id, mid, e)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(10);
    expect(
      answers.filter((r) => r.status === 409 && r.body.error.code === "too_many_reactions"),
    ).toHaveLength(10);
    expect((await history(bob, id)).reactions).toHaveLength(10);
  });

  it("deleted messages take none and show none; their reactions are gone from history", async () => {
    const { alice, bob, id, mid } = await group();
    await put(bob, id, mid, "😮");
    expect(
      (await api.request("DELETE", `/v1/chats/${id}/messages/${mid}`, { token: alice.accessToken })).status,
    ).toBe(204);
    expectError(await put(bob, id, mid, "👍"), 409, "message_deleted");
    expectError(await del(bob, id, mid, "😮"), 409, "message_deleted");
    expect((await history(bob, id)).reactions).toEqual([]);
    expect((await api.get(path(id, mid), bob.accessToken)).body.reactions).toEqual([]);
  });
});

describe("reactions spelled without the variation selector", () => {
  it("count with the fully-qualified emoji, over REST and the socket, and can be taken back either way", async () => {
    const { alice, bob, carol, id, mid } = await group();
    expect((await put(bob, id, mid, "❤️")).status).toBe(200);
    const bare = await put(carol, id, mid, "❤"); // U+2764 alone, as older keyboards send it
    expect(bare.status).toBe(200);
    expect(bare.body.reactions).toEqual([{ emoji: "❤️", count: 2, me: true }]);
    const a = await connect(alice);
    try {
      a.send({ type: "add_reaction", message_id: mid, emoji: "❤" });
      expect((await a.next("reaction")).reactions).toEqual([{ emoji: "❤️", count: 3 }]);
    } finally {
      await a.close();
    }
    expect((await del(bob, id, mid, "❤")).body.reactions).toEqual([{ emoji: "❤️", count: 2, me: false }]);
    expect((await history(carol, id)).reactions).toEqual([{ emoji: "❤️", count: 2, me: true }]);
  });
});

describe("reactions over the socket", () => {
  it("add_reaction / remove_reaction reach every member live as `reaction` events", async () => {
    const { alice, bob, carol, outsider, id, mid } = await group();
    const [a, b, c, o] = await Promise.all([connect(alice), connect(bob), connect(carol), connect(outsider)]);
    try {
      b.send({ type: "add_reaction", message_id: mid, emoji: "🙏" });
      const seen = await a.next("reaction");
      expect(seen).toEqual({
        type: "reaction",
        conversation_id: id,
        message_id: mid,
        emoji: "🙏",
        user_id: bob.userId,
        action: "add",
        reactions: [{ emoji: "🙏", count: 1 }],
      });
      await c.next("reaction");
      await b.next("reaction"); // the reactor's own connection hears it too

      // REST changes go out the same way.
      await put(carol, id, mid, "🙏");
      await a.next("reaction", (f) => f.user_id === carol.userId);
      b.send({ type: "remove_reaction", message_id: mid, emoji: "🙏" });
      const removed = await c.next("reaction", (f) => f.action === "remove");
      expect(removed.reactions).toEqual([{ emoji: "🙏", count: 1 }]);
      expect((await history(carol, id)).reactions).toEqual([{ emoji: "🙏", count: 1, me: true }]);

      // Repeating a removal changes nothing and sends nothing.
      b.send({ type: "remove_reaction", message_id: mid, emoji: "🙏" });
      b.send({ type: "ping" });
      await b.next("pong");
      expect(a.all("reaction")).toHaveLength(3);

      // Bad frames: error frames, the connection stays open.
      b.send({ type: "add_reaction", message_id: mid, emoji: "nope" });
      expect((await b.next("error")).code).toBe("validation_failed");
      o.send({ type: "add_reaction", message_id: mid, emoji: "👍" });
      expect((await o.next("error")).code).toBe("not_found");
      expect(o.all("reaction")).toEqual([]);
    } finally {
      await Promise.all([a, b, c, o].map((s) => s.close()));
    }
  });

  it("an edit carries reactions with each member's own `me`", async () => {
    const { alice, bob, carol, id, mid } = await group();
    await put(bob, id, mid, "😢");
    const [b, c] = await Promise.all([connect(bob), connect(carol)]);
    try {
      const edited = await api.request("PATCH", `/v1/chats/${id}/messages/${mid}`, {
        token: alice.accessToken,
        body: { text: "edited" },
      });
      expect(edited.body.reactions).toEqual([{ emoji: "😢", count: 1, me: false }]);
      expect((await b.next("message_edit")).message.reactions).toEqual([{ emoji: "😢", count: 1, me: true }]);
      expect((await c.next("message_edit")).message.reactions).toEqual([
        { emoji: "😢", count: 1, me: false },
      ]);
    } finally {
      await Promise.all([b.close(), c.close()]);
    }
  });
});
