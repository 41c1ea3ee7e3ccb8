import { describe, expect, it } from "vitest";
import { Api, createAccount, expectError } from "../support/api.ts";
import { TestSocket } from "../support/socket.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("blocking someone", () => {
  it("is idempotent both ways, listed, shown on their profile; not yourself, not an unknown person", async () => {
    const api = new Api();
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    for (let i = 0; i < 2; i++)
      expect((await api.post(`/v1/users/${bob.userId}/block`, undefined, alice.accessToken)).status).toBe(
        204,
      );
    const list = await api.get("/v1/users/me/blocks", alice.accessToken);
    expect(list.body.blocks).toEqual([
      {
        user: { id: bob.userId, username: bob.username, display_name: bob.username, avatar_url: null },
        blocked_at: expect.any(String),
      },
    ]);
    expect((await api.get(`/v1/users/${bob.userId}`, alice.accessToken)).body.blocked).toBe(true);
    expect((await api.get(`/v1/users/${alice.userId}`, bob.accessToken)).body.blocked).toBe(false);
    // Unprefixed, as every api-contract.md path.
    expect((await api.get("/users/me/blocks", alice.accessToken)).body.blocks).toHaveLength(1);
    for (let i = 0; i < 2; i++)
      expect(
        (await api.request("DELETE", `/v1/users/${bob.userId}/block`, { token: alice.accessToken })).status,
      ).toBe(204);
    expect((await api.get("/v1/users/me/blocks", alice.accessToken)).body.blocks).toEqual([]);
    expect((await api.get(`/v1/users/${bob.userId}`, alice.accessToken)).body.blocked).toBe(false);

    expectError(
      await api.post(`/v1/users/${alice.userId}/block`, undefined, alice.accessToken),
      422,
      "cannot_block_self",
    );
    expectError(await api.post("/v1/users/99999999/block", undefined, alice.accessToken), 404, "not_found");
    expectError(await api.post(`/v1/users/${bob.userId}/block`), 401, "unauthorized");
  });

  it("in a group: no live new_message from them, left out of history, unread count and last_message; they still send", async () => {
    const api = new Api();
    const [alice, bob, carol] = [
      await createAccount(api),
      await createAccount(api),
      await createAccount(api),
    ];
    const group = await api.post(
      "/v1/chats",
      { type: "group", title: "Blocks", members: [bob.userId, carol.userId] },
      alice.accessToken,
    );
    const chatId = group.body.id;
    const before = await api.post(`/v1/chats/${chatId}/messages`, { text: "from carol" }, carol.accessToken);
    const older = await api.post(`/v1/chats/${chatId}/messages`, { text: "bob before" }, bob.accessToken);
    expect((await api.post(`/v1/users/${bob.userId}/block`, undefined, alice.accessToken)).status).toBe(204);

    const aliceSocket = await TestSocket.connect(api.baseUrl, alice.accessToken);
    const carolSocket = await TestSocket.connect(api.baseUrl, carol.accessToken);
    const fromBob = await api.post(`/v1/chats/${chatId}/messages`, { text: "bob after" }, bob.accessToken);
    expect(fromBob.status).toBe(201);
    const fromCarol = await api.post(
      `/v1/chats/${chatId}/messages`,
      { text: "carol after" },
      carol.accessToken,
    );
    // Carol hears both; Alice hears Carol's (sent after Bob's), never Bob's.
    await carolSocket.next("new_message", (f) => f.message.id === fromBob.body.id);
    await aliceSocket.next("new_message", (f) => f.message.id === fromCarol.body.id);
    const edit = await api.request("PATCH", `/v1/chats/${chatId}/messages/${fromBob.body.id}`, {
      token: bob.accessToken,
      body: { text: "bob edited" },
    });
    expect(edit.status).toBe(200);
    await carolSocket.next("message_edit", (f) => f.message.id === fromBob.body.id);
    await sleep(300);
    expect(aliceSocket.all("new_message").map((f) => f.message.id)).toEqual([fromCarol.body.id]);
    expect(aliceSocket.all("message_edit")).toEqual([]);

    const history = await api.get(`/v1/chats/${chatId}/messages`, alice.accessToken);
    expect(history.body.map((m: any) => m.id)).toEqual([fromCarol.body.id, before.body.id]);
    const catchUp = await api.get(
      `/v1/chats/${chatId}/messages?after_id=${before.body.id}`,
      alice.accessToken,
    );
    expect(catchUp.body.map((m: any) => m.id)).toEqual([fromCarol.body.id]);
    const page = await api.get(
      `/v1/chats/${chatId}/messages?limit=1&before_id=${fromCarol.body.id}`,
      alice.accessToken,
    );
    expect(page.body.map((m: any) => m.id)).toEqual([before.body.id]);
    // Carol's view is whole.
    const carolHistory = await api.get(`/v1/chats/${chatId}/messages`, carol.accessToken);
    expect(carolHistory.body.map((m: any) => m.id)).toEqual([
      fromCarol.body.id,
      fromBob.body.id,
      older.body.id,
      before.body.id,
    ]);

    // Bob's message is the chat's last: Alice sees Carol's instead, and counts only Carol's unread.
    const last = await api.post(`/v1/chats/${chatId}/messages`, { text: "bob last" }, bob.accessToken);
    const aliceChat = (await api.get("/v1/chats", alice.accessToken)).body.find((c: any) => c.id === chatId);
    expect(aliceChat.last_message.id).toBe(fromCarol.body.id);
    expect(aliceChat.unread_count).toBe(2);
    const carolChat = (await api.get("/v1/chats", carol.accessToken)).body.find((c: any) => c.id === chatId);
    expect(carolChat.last_message.id).toBe(last.body.id);
    expect(carolChat.unread_count).toBe(1);

    // Unblocking brings it all back.
    await api.request("DELETE", `/v1/users/${bob.userId}/block`, { token: alice.accessToken });
    expect((await api.get(`/v1/chats/${chatId}/messages`, alice.accessToken)).body[0].id).toBe(last.body.id);
    await Promise.all([aliceSocket.close(), carolSocket.close()]);
  });

  it("a blocked person cannot open a new dialog with the blocker (404) nor find them; an existing dialog stays", async () => {
    const api = new Api();
    const [alice, bob, dave] = [await createAccount(api), await createAccount(api), await createAccount(api)];
    const existing = await api.post("/v1/dialogs", { user_id: dave.userId }, alice.accessToken);
    for (const blocked of [bob, dave])
      await api.post(`/v1/users/${blocked.userId}/block`, undefined, alice.accessToken);

    expectError(await api.post("/v1/dialogs", { user_id: alice.userId }, bob.accessToken), 404, "not_found");
    expectError(await api.post("/v1/dialogs", { email: alice.email }, bob.accessToken), 404, "not_found");
    expectError(
      await api.post("/v1/chats", { type: "dialog", members: [alice.userId] }, bob.accessToken),
      404,
      "not_found",
    );
    const again = await api.post("/v1/dialogs", { user_id: alice.userId }, dave.accessToken);
    expect([again.status, again.body.id]).toEqual([200, existing.body.id]);
    // The blocker may still write to them.
    expect((await api.post("/v1/dialogs", { user_id: bob.userId }, alice.accessToken)).status).toBe(201);

    const byBob = await api.get(`/v1/users?query=${alice.username}`, bob.accessToken);
    expect(byBob.body).toEqual([]);
    const byCarol = await api.get(
      `/v1/users?query=${alice.username}`,
      (await createAccount(api)).accessToken,
    );
    expect(byCarol.body.map((u: any) => u.id)).toEqual([alice.userId]);
  });
});
