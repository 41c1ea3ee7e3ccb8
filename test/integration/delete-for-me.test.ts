import { describe, expect, it } from "vitest";
import { type Account, Api, baseUrl, createAccount, expectError } from "../support/api.ts";
import { TestSocket } from "../support/socket.ts";

const api = new Api();
const connect = (a: Account) => TestSocket.connect(baseUrl(), a.accessToken);
const send = async (who: Account, chat: number, text: string) =>
  (await api.post(`/v1/chats/${chat}/messages`, { text }, who.accessToken)).body.id as number;
const remove = (who: Account, chat: number, mid: number, scope?: string) =>
  api.request("DELETE", `/v1/chats/${chat}/messages/${mid}${scope ? `?for=${scope}` : ""}`, {
    token: who.accessToken,
  });
const history = async (who: Account, chat: number) =>
  (await api.get(`/v1/chats/${chat}/messages`, who.accessToken)).body as any[];
const listed = async (who: Account, chat: number) =>
  (await api.get("/v1/chats", who.accessToken)).body.find((c: any) => c.id === chat);

async function group() {
  const [alice, bob, carol, outsider] = await Promise.all([1, 2, 3, 4].map(() => createAccount(new Api())));
  const chat = await api.post(
    "/v1/chats",
    { type: "group", title: "delete for me", members: [bob!.userId, carol!.userId] },
    alice!.accessToken,
  );
  return { alice: alice!, bob: bob!, carol: carol!, outsider: outsider!, id: chat.body.id as number };
}

describe("delete for me", () => {
  it("hides any message of the chat for the caller only: history, last_message, unread, search", async () => {
    const { alice, bob, carol, id } = await group();
    const older = await send(alice, id, "older zebraword");
    const last = await send(alice, id, "latest zebraword");
    expect((await listed(bob, id)).unread_count).toBe(2);

    // bob hides alice's newest message (not his own), twice: idempotent.
    expect((await remove(bob, id, last, "me")).status).toBe(204);
    expect((await remove(bob, id, last, "me")).status).toBe(204);
    expect((await history(bob, id)).map((m) => m.id)).toEqual([older]);
    expect((await history(carol, id)).map((m) => m.id)).toEqual([last, older]);
    expect((await history(alice, id)).map((m) => m.id)).toEqual([last, older]);
    const forBob = await listed(bob, id);
    expect(forBob.last_message.id).toBe(older);
    expect(forBob.unread_count).toBe(1);
    expect((await listed(carol, id)).last_message.id).toBe(last);
    expect((await listed(carol, id)).unread_count).toBe(2);
    // after_id catch-up and around_id leave it out too.
    expect((await api.get(`/v1/chats/${id}/messages?after_id=${older}`, bob.accessToken)).body).toEqual([]);
    const around = await api.get(`/v1/chats/${id}/messages?around_id=${older}`, bob.accessToken);
    expect(around.body.map((m: any) => m.id)).toEqual([older]);
    const search = await api.get(`/v1/search?q=zebraword&chat_id=${id}`, bob.accessToken);
    expect(search.status).toBe(200);
    expect(JSON.stringify(search.body)).not.toContain("latest zebraword");

    // The message is not deleted for everyone: it has no tombstone, and it can still be edited.
    const edited = await api.request("PATCH", `/v1/chats/${id}/messages/${last}`, {
      token: alice.accessToken,
      body: { text: "edited" },
    });
    expect(edited.body).toMatchObject({ text: "edited", deleted_at: null });
  });

  it("the author may delete their own message for themselves; a chat with only hidden messages has no last_message", async () => {
    const { alice, id } = await group();
    const only = await send(alice, id, "just me");
    expect((await remove(alice, id, only, "me")).status).toBe(204);
    expect(await history(alice, id)).toEqual([]);
    expect((await listed(alice, id)).last_message).toBeNull();
  });

  it("tells the caller's own devices only, with message_hidden", async () => {
    const { alice, bob, id } = await group();
    const mid = await send(alice, id, "hide me");
    const [b1, b2, a] = await Promise.all([connect(bob), connect(bob), connect(alice)]);
    try {
      b1.send({ type: "delete_message", message_id: mid, for: "me" });
      for (const s of [b1, b2])
        expect(await s.next("message_hidden")).toEqual({
          type: "message_hidden",
          conversation_id: id,
          message_id: mid,
        });
      a.send({ type: "ping" });
      await a.next("pong");
      expect(a.all("message_hidden")).toEqual([]);
      expect(a.all("message_delete")).toEqual([]);
    } finally {
      await Promise.all([b1, b2, a].map((s) => s.close()));
    }
    expect(await history(bob, id)).toEqual([]);
  });

  it("refuses outsiders and bad scopes; delete for everyone stays the author's", async () => {
    const { alice, bob, outsider, id } = await group();
    const mid = await send(alice, id, "hello");
    expectError(await remove(outsider, id, mid, "me"), 404, "not_found");
    expectError(await remove(bob, id, mid, "nobody"), 422, "validation_failed");
    expectError(await remove(bob, id, mid), 403, "not_allowed");
    expectError(await remove(bob, id, mid, "everyone"), 403, "not_allowed");
    expect((await remove(alice, id, mid, "everyone")).status).toBe(204);
    expect((await history(bob, id))[0]).toMatchObject({ id: mid, text: "" });
    expect((await history(bob, id))[0].deleted_at).not.toBeNull();
  });
});
