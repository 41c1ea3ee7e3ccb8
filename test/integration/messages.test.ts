import { describe, expect, it } from "vitest";
import { type Account, Api, createAccount, expectError } from "../support/api.ts";

async function dialog(api: Api) {
  const alice = await createAccount(api);
  const bob = await createAccount(api);
  const chat = await api.post("/v1/dialogs", { user_id: bob.userId }, alice.accessToken);
  return { alice, bob, id: chat.body.id as number };
}

async function send(api: Api, who: Account, chatId: number, text: string, extra: object = {}) {
  const res = await api.post(`/v1/chats/${chatId}/messages`, { text, ...extra }, who.accessToken);
  if (res.status !== 201) throw new Error(`send failed ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe("history", () => {
  it("pages newest first with before_id (or before), and oldest first with after_id", async () => {
    const api = new Api();
    const { alice, bob, id } = await dialog(api);
    const sent = [];
    for (let i = 1; i <= 7; i++) sent.push(await send(api, i % 2 ? alice : bob, id, `m${i}`));
    const ids = sent.map((m) => m.id);

    const page1 = await api.get(`/v1/chats/${id}/messages?limit=3`, bob.accessToken);
    expect(page1.body.map((m: any) => m.text)).toEqual(["m7", "m6", "m5"]);
    const page2 = await api.get(
      `/v1/chats/${id}/messages?limit=3&before_id=${page1.body[2].id}`,
      bob.accessToken,
    );
    expect(page2.body.map((m: any) => m.text)).toEqual(["m4", "m3", "m2"]);
    const viaDialogs = await api.get(
      `/v1/dialogs/${id}/messages?limit=3&before=${page1.body[2].id}`,
      bob.accessToken,
    );
    expect(viaDialogs.body).toEqual(page2.body);
    const unprefixed = await api.get(
      `/chats/${id}/messages?limit=3&before_id=${page1.body[2].id}`,
      bob.accessToken,
    );
    expect(unprefixed.body).toEqual(page2.body);
    const after = await api.get(`/v1/chats/${id}/messages?after_id=${ids[3]}&limit=10`, bob.accessToken);
    expect(after.body.map((m: any) => m.text)).toEqual(["m5", "m6", "m7"]);
    expect((await api.get(`/v1/chats/${id}/messages?after_id=${ids[6]}`, bob.accessToken)).body).toEqual([]);

    expect(page1.body[0]).toMatchObject({
      chat_id: id,
      conversation_id: id,
      sender_id: alice.userId,
      attachments: [],
      reply_to_id: null,
      edited_at: null,
      deleted_at: null,
    });
    for (const [q, field] of [
      ["limit=101", "limit"],
      ["limit=0", "limit"],
      ["before_id=abc", "before_id"],
      ["after_id=1&before_id=5", null],
    ] as const) {
      const res = await api.get(`/v1/chats/${id}/messages?${q}`, bob.accessToken);
      expectError(res, 422, "validation_failed");
      expect(res.body.error.details[0].field).toBe(field);
    }
  });

  it("the chat list is ordered by last activity and carries last_message", async () => {
    const api = new Api();
    const { alice, bob, id: first } = await dialog(api);
    const carol = await createAccount(api);
    const second = (await api.post("/v1/dialogs", { user_id: carol.userId }, alice.accessToken)).body.id;
    await send(api, alice, second, "to carol");
    await send(api, bob, first, "from bob, newest");
    const list = await api.get("/v1/chats", alice.accessToken);
    expect(list.body.slice(0, 2).map((c: any) => [c.id, c.last_message.text])).toEqual([
      [first, "from bob, newest"],
      [second, "to carol"],
    ]);
    const dialogs = await api.get("/v1/dialogs", alice.accessToken);
    expect(dialogs.body[0]).toMatchObject({ dialog_id: first, id: first, unread_count: 1 });
  });
});

describe("sending", () => {
  it("the same temp_id from the same author gives the same message, not a copy", async () => {
    const api = new Api();
    const { alice, bob, id } = await dialog(api);
    const first = await api.post(
      `/v1/chats/${id}/messages`,
      { text: "once", temp_id: "tmp-1" },
      alice.accessToken,
    );
    const again = await api.post(
      `/v1/chats/${id}/messages`,
      { text: "once", temp_id: "tmp-1" },
      alice.accessToken,
    );
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body.temp_id).toBe("tmp-1");
    // Another author may use the same temp_id.
    expect(
      (await api.post(`/v1/chats/${id}/messages`, { text: "mine", temp_id: "tmp-1" }, bob.accessToken))
        .status,
    ).toBe(201);
    const parallel = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.post(`/v1/chats/${id}/messages`, { text: "race", temp_id: "tmp-2" }, alice.accessToken),
      ),
    );
    expect(new Set(parallel.map((r) => r.body.id)).size).toBe(1);
    const history = await api.get(`/v1/chats/${id}/messages`, alice.accessToken);
    expect(history.body.filter((m: any) => m.text === "race")).toHaveLength(1);

    const carol = await createAccount(api);
    const other = (await api.post("/v1/dialogs", { user_id: carol.userId }, alice.accessToken)).body.id;
    expectError(
      await api.post(`/v1/chats/${other}/messages`, { text: "x", temp_id: "tmp-1" }, alice.accessToken),
      409,
      "temp_id_conflict",
    );
  });

  it("replies must point into the same chat", async () => {
    const api = new Api();
    const { alice, bob, id } = await dialog(api);
    const original = await send(api, bob, id, "question?");
    const reply = await send(api, alice, id, "answer", { reply_to_id: original.id });
    expect(reply.reply_to_id).toBe(original.id);
    const elsewhere = await dialog(api);
    const foreign = await send(api, elsewhere.alice, elsewhere.id, "other chat");
    expectError(
      await api.post(`/v1/chats/${id}/messages`, { text: "x", reply_to_id: foreign.id }, alice.accessToken),
      422,
      "invalid_reply",
    );
  });

  it("rejects empty, blank, too long messages and malformed attachment lists", async () => {
    const api = new Api();
    const { alice, id } = await dialog(api);
    for (const body of [
      {},
      { text: "" },
      { text: "   \n" },
      { text: "x".repeat(4097) },
      { text: 5 },
      { text: "x", attachments: ["not-an-id"] },
      { text: "x", attachments: [1, 1] },
    ]) {
      expectError(
        await api.post(`/v1/chats/${id}/messages`, body, alice.accessToken),
        422,
        "validation_failed",
      );
    }
    expect(
      (await api.post(`/v1/chats/${id}/messages`, { text: "x".repeat(4096) }, alice.accessToken)).status,
    ).toBe(201);
  });
});

describe("edit and delete", () => {
  it("only the author edits; deleting leaves a tombstone without text", async () => {
    const api = new Api();
    const { alice, bob, id } = await dialog(api);
    const m = await send(api, alice, id, "tpyo");
    expectError(
      await api.request("PATCH", `/v1/chats/${id}/messages/${m.id}`, {
        token: bob.accessToken,
        body: { text: "hacked" },
      }),
      403,
      "not_author",
    );
    const edited = await api.request("PATCH", `/v1/chats/${id}/messages/${m.id}`, {
      token: alice.accessToken,
      body: { text: "typo" },
    });
    expect(edited.body).toMatchObject({ id: m.id, text: "typo" });
    expect(Date.parse(edited.body.edited_at)).not.toBeNaN();

    expectError(
      await api.request("DELETE", `/v1/chats/${id}/messages/${m.id}`, { token: bob.accessToken }),
      403,
      "not_allowed",
    );
    expect(
      (await api.request("DELETE", `/v1/chats/${id}/messages/${m.id}`, { token: alice.accessToken })).status,
    ).toBe(204);
    expect(
      (await api.request("DELETE", `/v1/chats/${id}/messages/${m.id}`, { token: alice.accessToken })).status,
    ).toBe(204);
    const [tomb] = (await api.get(`/v1/chats/${id}/messages?limit=1`, bob.accessToken)).body;
    expect(tomb).toMatchObject({ id: m.id, text: "", attachments: [] });
    expect(tomb.deleted_at).toBeTruthy();
    expectError(
      await api.request("PATCH", `/v1/chats/${id}/messages/${m.id}`, {
        token: alice.accessToken,
        body: { text: "back" },
      }),
      409,
      "message_deleted",
    );
    // A message id from another chat under this chat's path is a 404.
    const other = await dialog(api);
    const foreign = await send(api, other.alice, other.id, "x");
    expectError(
      await api.request("DELETE", `/v1/chats/${id}/messages/${foreign.id}`, { token: alice.accessToken }),
      404,
      "not_found",
    );
  });

  it("group owners and admins may delete anyone's message", async () => {
    const api = new Api();
    const owner = await createAccount(api);
    const member = await createAccount(api);
    const group = await api.post(
      "/v1/chats",
      { type: "group", title: "G", members: [member.userId] },
      owner.accessToken,
    );
    const m = await send(api, member, group.body.id, "spam");
    expect(
      (
        await api.request("DELETE", `/v1/chats/${group.body.id}/messages/${m.id}`, {
          token: owner.accessToken,
        })
      ).status,
    ).toBe(204);
  });
});

describe("receipts", () => {
  it("are monotonic high-water marks that drive unread counts and the author's status", async () => {
    const api = new Api();
    const { alice, bob, id } = await dialog(api);
    const m1 = await send(api, alice, id, "one");
    const m2 = await send(api, alice, id, "two");
    const m3 = await send(api, alice, id, "three");
    const unread = async () => (await api.get(`/v1/chats/${id}`, bob.accessToken)).body.unread_count;
    const status = async () =>
      (await api.get(`/v1/chats/${id}/messages`, alice.accessToken)).body.map((m: any) => m.status);

    expect(await unread()).toBe(3);
    expect(await status()).toEqual(["sent", "sent", "sent"]);
    expect((await api.post(`/v1/chats/${id}/messages/${m2.id}/delivered`, {}, bob.accessToken)).status).toBe(
      204,
    );
    expect(await status()).toEqual(["sent", "delivered", "delivered"]);
    expect(await unread()).toBe(3);
    expect((await api.post(`/v1/dialogs/${id}/messages/${m2.id}/read`, {}, bob.accessToken)).status).toBe(
      204,
    );
    expect(await unread()).toBe(1);
    expect(await status()).toEqual(["sent", "read", "read"]);
    // Going back does not move the mark down.
    await api.post(`/v1/chats/${id}/messages/${m1.id}/read`, {}, bob.accessToken);
    expect(await unread()).toBe(1);
    await api.post(`/v1/chats/${id}/messages/${m3.id}/read`, {}, bob.accessToken);
    expect(await unread()).toBe(0);
    expect(await status()).toEqual(["read", "read", "read"]);
    // The author's own messages never count as unread for them.
    expect((await api.get(`/v1/chats/${id}`, alice.accessToken)).body.unread_count).toBe(0);
    // Deleted messages do not count.
    const m4 = await send(api, alice, id, "four");
    await api.request("DELETE", `/v1/chats/${id}/messages/${m4.id}`, { token: alice.accessToken });
    expect(await unread()).toBe(0);
  });
});
