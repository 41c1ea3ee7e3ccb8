import { describe, expect, it } from "vitest";
import { type Account, Api, createAccount, expectError } from "../support/api.ts";

async function people(n: number, api = new Api()): Promise<Account[]> {
  const list: Account[] = [];
  for (let i = 0; i < n; i++) list.push(await createAccount(api));
  return list;
}

describe("dialogs", () => {
  it("exactly one dialog per pair, whoever opens it and through whichever path", async () => {
    const api = new Api();
    const [alice, bob] = await people(2, api);
    const first = await api.post(
      "/v1/chats",
      { type: "dialog", title: null, members: [bob!.userId] },
      alice!.accessToken,
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      type: "dialog",
      unread_count: 0,
      last_message: null,
      title: bob!.username,
    });
    expect(first.body.members.map((m: any) => m.id).sort()).toEqual([alice!.userId, bob!.userId].sort());

    const again = await api.post(
      "/v1/chats",
      { type: "dialog", members: [alice!.userId, bob!.userId] },
      alice!.accessToken,
    );
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    const reverse = await api.post("/v1/dialogs", { user_id: alice!.userId }, bob!.accessToken);
    expect([reverse.status, reverse.body.dialog_id, reverse.body.id]).toEqual([
      200,
      first.body.id,
      first.body.id,
    ]);
    expect(reverse.body.title).toBe(alice!.username);
    const byEmail = await api.post("/dialogs", { email: bob!.email }, alice!.accessToken);
    expect([byEmail.status, byEmail.body.dialog_id]).toEqual([200, first.body.id]);

    // Opened concurrently from both sides: still one.
    const [carol, dave] = await people(2, api);
    const both = await Promise.all([
      api.post("/v1/dialogs", { user_id: dave!.userId }, carol!.accessToken),
      api.post("/v1/dialogs", { user_id: carol!.userId }, dave!.accessToken),
      api.post("/v1/chats", { type: "dialog", members: [dave!.userId] }, carol!.accessToken),
    ]);
    expect(new Set(both.map((r) => r.body.id)).size).toBe(1);
  });

  it("refuses dialogs with yourself, unknown people and bad input", async () => {
    const api = new Api();
    const [alice] = await people(1, api);
    expectError(
      await api.post("/v1/dialogs", { user_id: alice!.userId }, alice!.accessToken),
      422,
      "invalid_dialog",
    );
    expectError(
      await api.post("/v1/dialogs", { user_id: 99999999 }, alice!.accessToken),
      422,
      "unknown_users",
    );
    expectError(
      await api.post("/v1/dialogs", { email: "nobody@example.test" }, alice!.accessToken),
      422,
      "unknown_users",
    );
    expectError(await api.post("/v1/dialogs", {}, alice!.accessToken), 422, "validation_failed");
    expectError(
      await api.post("/v1/chats", { type: "channel", members: [] }, alice!.accessToken),
      422,
      "validation_failed",
    );
    expectError(
      await api.post("/v1/chats", { type: "dialog", members: [] }, alice!.accessToken),
      422,
      "validation_failed",
    );
  });
});

describe("groups", () => {
  it("create, rename, add, promote, remove, leave — with roles enforced", async () => {
    const api = new Api();
    const [owner, admin, member, outsider] = await people(4, api);
    const created = await api.post(
      "/v1/chats",
      { type: "group", title: "  Team  ", members: [admin!.userId, member!.userId] },
      owner!.accessToken,
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ type: "group", title: "Team", role: "owner" });
    const roles = Object.fromEntries(created.body.members.map((m: any) => [m.id, m.role]));
    expect(roles).toEqual({
      [owner!.userId]: "owner",
      [admin!.userId]: "member",
      [member!.userId]: "member",
    });

    expectError(
      await api.request("PATCH", `/v1/chats/${id}`, { token: member!.accessToken, body: { title: "Mine" } }),
      403,
      "not_chat_admin",
    );
    const promoted = await api.request("PATCH", `/v1/chats/${id}/members/${admin!.userId}`, {
      token: owner!.accessToken,
      body: { role: "admin" },
    });
    expect(promoted.body).toMatchObject({ id: admin!.userId, role: "admin" });
    expectError(
      await api.request("PATCH", `/v1/chats/${id}/members/${member!.userId}`, {
        token: admin!.accessToken,
        body: { role: "admin" },
      }),
      403,
      "not_chat_owner",
    );

    const renamed = await api.request("PATCH", `/v1/chats/${id}`, {
      token: admin!.accessToken,
      body: { title: "Team 2" },
    });
    expect(renamed.body.title).toBe("Team 2");
    expectError(
      await api.request("PATCH", `/v1/chats/${id}`, { token: admin!.accessToken, body: { title: "" } }),
      422,
      "validation_failed",
    );

    expectError(
      await api.post(`/v1/chats/${id}/members`, { user_ids: [outsider!.userId] }, member!.accessToken),
      403,
      "not_chat_admin",
    );
    const added = await api.post(
      `/v1/chats/${id}/members`,
      { user_ids: [outsider!.userId] },
      admin!.accessToken,
    );
    expect(added.body.members.map((m: any) => m.id)).toContain(outsider!.userId);
    expectError(
      await api.post(`/v1/chats/${id}/members`, { user_ids: [99999999] }, admin!.accessToken),
      422,
      "unknown_users",
    );

    expectError(
      await api.request("DELETE", `/v1/chats/${id}/members/${owner!.userId}`, { token: admin!.accessToken }),
      403,
      "not_chat_owner",
    );
    expect(
      (
        await api.request("DELETE", `/v1/chats/${id}/members/${outsider!.userId}`, {
          token: admin!.accessToken,
        })
      ).status,
    ).toBe(204);
    expectError(await api.get(`/v1/chats/${id}`, outsider!.accessToken), 404, "not_found");

    // The owner leaves: the admin inherits the group.
    expect(
      (await api.request("DELETE", `/v1/chats/${id}/members/${owner!.userId}`, { token: owner!.accessToken }))
        .status,
    ).toBe(204);
    const after = await api.get(`/v1/chats/${id}/members`, member!.accessToken);
    expect(Object.fromEntries(after.body.map((m: any) => [m.id, m.role]))).toEqual({
      [admin!.userId]: "owner",
      [member!.userId]: "member",
    });
    expect(
      (
        await api.request("DELETE", `/v1/chats/${id}/members/${member!.userId}`, {
          token: member!.accessToken,
        })
      ).status,
    ).toBe(204);
  });

  it("a dialog has no members to manage", async () => {
    const api = new Api();
    const [alice, bob, carol] = await people(3, api);
    const dialog = await api.post("/v1/dialogs", { user_id: bob!.userId }, alice!.accessToken);
    expectError(
      await api.post(`/v1/chats/${dialog.body.id}/members`, { user_id: carol!.userId }, alice!.accessToken),
      403,
      "not_a_group",
    );
    expectError(
      await api.request("DELETE", `/v1/chats/${dialog.body.id}/members/${alice!.userId}`, {
        token: alice!.accessToken,
      }),
      403,
      "not_a_group",
    );
    expectError(
      await api.request("PATCH", `/v1/chats/${dialog.body.id}`, {
        token: alice!.accessToken,
        body: { title: "x" },
      }),
      403,
      "not_a_group",
    );
  });
});

describe("other people's chats do not exist for you", () => {
  it("every chat and message endpoint answers 404 to a non-member", async () => {
    const api = new Api();
    const [alice, bob, mallory] = await people(3, api);
    const chat = await api.post(
      "/v1/chats",
      { type: "group", title: "Private", members: [bob!.userId] },
      alice!.accessToken,
    );
    const id = chat.body.id;
    const msg = await api.post(`/v1/chats/${id}/messages`, { text: "secret" }, alice!.accessToken);
    const t = mallory!.accessToken;
    const calls = [
      api.get(`/v1/chats/${id}`, t),
      api.request("PATCH", `/v1/chats/${id}`, { token: t, body: { title: "x" } }),
      api.get(`/v1/chats/${id}/members`, t),
      api.post(`/v1/chats/${id}/members`, { user_id: mallory!.userId }, t),
      api.request("DELETE", `/v1/chats/${id}/members/${bob!.userId}`, { token: t }),
      api.get(`/v1/chats/${id}/messages`, t),
      api.post(`/v1/chats/${id}/messages`, { text: "hi" }, t),
      api.request("PATCH", `/v1/chats/${id}/messages/${msg.body.id}`, { token: t, body: { text: "x" } }),
      api.request("DELETE", `/v1/chats/${id}/messages/${msg.body.id}`, { token: t }),
      api.post(`/v1/chats/${id}/messages/${msg.body.id}/delivered`, {}, t),
      api.post(`/v1/chats/${id}/messages/${msg.body.id}/read`, {}, t),
      api.get(`/v1/dialogs/${id}/messages`, t),
      api.post(`/v1/dialogs/${id}/messages`, { text: "hi" }, t),
      api.get(`/v1/chats/999999/messages`, t),
    ];
    for (const res of await Promise.all(calls)) expectError(res, 404, "not_found");
    const list = await api.get("/v1/chats", t);
    expect(list.body.map((c: any) => c.id)).not.toContain(id);
  });
});
