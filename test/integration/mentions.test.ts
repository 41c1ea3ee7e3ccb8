import { describe, expect, it } from "vitest";
import { type Account, Api, createAccount } from "../support/api.ts";

const api = new Api();
async function send(who: Account, chat: number, text: string): Promise<number> {
  const res = await api.post(`/v1/chats/${chat}/messages`, { text }, who.accessToken);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
const view = async (who: Account, chat: number) => (await api.get(`/v1/chats/${chat}`, who.accessToken)).body;

describe("mentions: unread_mentions on chats", () => {
  it("counts unread messages that @mention the viewer, in any case, not e-mail addresses or others' names", async () => {
    const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => createAccount(new Api())));
    const group = await api.post(
      "/v1/chats",
      { type: "group", title: "mentions", members: [bob!.userId, carol!.userId] },
      alice!.accessToken,
    );
    const id = group.body.id as number;
    await send(bob!, id, `@${alice!.username.toUpperCase()} look at this`);
    await send(bob!, id, "plain message");
    await send(bob!, id, `mail ${alice!.username}@example.com`);
    await send(bob!, id, `@${alice!.username}x is someone else`);
    await send(carol!, id, `thanks @${bob!.username} and @${alice!.username}!`);
    expect(await view(alice!, id)).toMatchObject({ unread_count: 5, unread_mentions: 2 });

    // A mention of oneself is nobody else's mention.
    await send(alice!, id, `note to self @${alice!.username}`);
    const list = (await api.get("/v1/chats", bob!.accessToken)).body;
    expect(list.find((c: { id: number }) => c.id === id)).toMatchObject({
      unread_count: 2,
      unread_mentions: 1,
    });
    // Sending reads up to one's own message: Carol has only Alice's note unread, which is not for her.
    expect(await view(carol!, id)).toMatchObject({ unread_count: 1, unread_mentions: 0 });
  });

  it("counts until read, leaves out deleted messages, and works in dialogs", async () => {
    const [alice, bob] = await Promise.all([1, 2].map(() => createAccount(new Api())));
    const dialog = (await api.post("/v1/dialogs", { user_id: alice!.userId }, bob!.accessToken)).body.id;
    const first = await send(bob!, dialog, `hey @${alice!.username}`);
    const second = await send(bob!, dialog, `@${alice!.username} again`);
    expect(await view(alice!, dialog)).toMatchObject({ unread_count: 2, unread_mentions: 2 });

    expect(
      (await api.request("DELETE", `/v1/chats/${dialog}/messages/${second}`, { token: bob!.accessToken }))
        .status,
    ).toBe(204);
    expect(await view(alice!, dialog)).toMatchObject({ unread_count: 1, unread_mentions: 1 });

    await api.post(`/v1/chats/${dialog}/messages/${first}/read`, {}, alice!.accessToken);
    expect(await view(alice!, dialog)).toMatchObject({ unread_count: 0, unread_mentions: 0 });
  });
});
