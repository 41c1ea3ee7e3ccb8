import { describe, expect, it } from "vitest";
import { type Account, Api, baseUrl, createAccount, expectError } from "../support/api.ts";
import { TestSocket } from "../support/socket.ts";

async function dialogOf(api: Api, a: Account, b: Account): Promise<number> {
  return (await api.post("/v1/dialogs", { user_id: b.userId }, a.accessToken)).body.id;
}

const put = (api: Api, path: string, token: string, body?: unknown) =>
  api.request("PUT", path, { token, body });
const del = (api: Api, path: string, token: string) => api.request("DELETE", path, { token });
const listIds = async (api: Api, token: string, query = "") =>
  (await api.get(`/v1/chats${query}`, token)).body.map((c: { id: number }) => c.id);

describe("chat state: mute, archive, pin, mark unread — each member's own", () => {
  it("mutes for a named time, for ever or until a time; unmutes; the other member is not affected", async () => {
    const api = new Api();
    const [me, friend] = [await createAccount(api), await createAccount(api)];
    const chat = await dialogOf(api, me, friend);

    const hour = await put(api, `/v1/chats/${chat}/mute`, me.accessToken, { for: "1h" });
    expect(hour.status).toBe(200);
    expect(hour.body.muted).toBe(true);
    const left = new Date(hour.body.muted_until).getTime() - Date.now();
    expect(left).toBeGreaterThan(3590_000);
    expect(left).toBeLessThanOrEqual(3600_000);
    const eight = await put(api, `/v1/chats/${chat}/mute`, me.accessToken, { for: "8h" });
    expect(new Date(eight.body.muted_until).getTime() - Date.now()).toBeGreaterThan(8 * 3600_000 - 10_000);

    const forever = await put(api, `/v1/chats/${chat}/mute`, me.accessToken);
    expect(forever.body.muted_until).toBe("9999-12-31T23:59:59.999Z");
    const until = new Date(Date.now() + 86_400_000).toISOString();
    expect((await put(api, `/v1/chats/${chat}/mute`, me.accessToken, { until })).body.muted_until).toBe(
      until,
    );

    expect((await api.get(`/v1/chats/${chat}`, friend.accessToken)).body).toMatchObject({
      muted: false,
      muted_until: null,
    });
    const unmuted = await del(api, `/v1/chats/${chat}/mute`, me.accessToken);
    expect(unmuted.body).toMatchObject({ muted: false, muted_until: null });

    expectError(
      await put(api, `/v1/chats/${chat}/mute`, me.accessToken, { for: "2h" }),
      422,
      "validation_failed",
    );
    expectError(
      await put(api, `/v1/chats/${chat}/mute`, me.accessToken, { until: "2001-01-01T00:00:00Z" }),
      422,
      "validation_failed",
    );
    expectError(
      await put(api, `/v1/chats/${chat}/mute`, me.accessToken, { for: "1h", until }),
      422,
      "validation_failed",
    );
  });

  it("a mute that has run out reads as not muted", async () => {
    const api = new Api();
    const [me, friend] = [await createAccount(api), await createAccount(api)];
    const chat = await dialogOf(api, me, friend);
    const soon = new Date(Date.now() + 1500).toISOString();
    expect((await put(api, `/v1/chats/${chat}/mute`, me.accessToken, { until: soon })).body.muted).toBe(true);
    await new Promise((r) => setTimeout(r, 1700));
    expect((await api.get(`/v1/chats/${chat}`, me.accessToken)).body).toMatchObject({
      muted: false,
      muted_until: null,
    });
  });

  it("pinned chats come first, latest pin on top; archiving unpins; ?archived filters", async () => {
    const api = new Api();
    const me = await createAccount(api);
    const others = [await createAccount(api), await createAccount(api), await createAccount(api)];
    const [a, b, c] = [
      await dialogOf(api, me, others[0]!),
      await dialogOf(api, me, others[1]!),
      await dialogOf(api, me, others[2]!),
    ];
    // Activity order: c newest.
    for (const chat of [a, b, c])
      await api.post(`/v1/chats/${chat}/messages`, { text: `hi ${chat}` }, me.accessToken);
    expect(await listIds(api, me.accessToken)).toEqual([c, b, a]);

    const pinnedA = (await put(api, `/v1/chats/${a}/pin`, me.accessToken)).body;
    expect(pinnedA.pinned).toBe(true);
    expect(Date.now() - new Date(pinnedA.pinned_at).getTime()).toBeLessThan(60_000);
    expect(await listIds(api, me.accessToken)).toEqual([a, c, b]);
    await put(api, `/v1/chats/${b}/pin`, me.accessToken);
    expect(await listIds(api, me.accessToken)).toEqual([b, a, c]);
    // Pinning again keeps the place.
    await put(api, `/v1/chats/${a}/pin`, me.accessToken);
    expect(await listIds(api, me.accessToken)).toEqual([b, a, c]);
    // The others' lists do not change.
    expect((await api.get(`/v1/chats/${a}`, others[0]!.accessToken)).body.pinned).toBe(false);

    const archived = await put(api, `/v1/chats/${b}/archive`, me.accessToken);
    expect(archived.body).toMatchObject({ archived: true, pinned: false, pinned_at: null });
    expect(await listIds(api, me.accessToken, "?archived=true")).toEqual([b]);
    expect(await listIds(api, me.accessToken, "?archived=false")).toEqual([a, c]);
    expect(await listIds(api, me.accessToken)).toEqual([a, c, b]);
    expect((await del(api, `/v1/chats/${b}/archive`, me.accessToken)).body.archived).toBe(false);
    expect((await del(api, `/v1/chats/${a}/pin`, me.accessToken)).body.pinned).toBe(false);
    expect(await listIds(api, me.accessToken)).toEqual([c, b, a]);
    expectError(await api.get("/v1/chats?archived=maybe", me.accessToken), 422, "validation_failed");
  });

  it("at most 10 pinned chats", async () => {
    const api = new Api();
    const me = await createAccount(api);
    const groups: number[] = [];
    for (let i = 0; i < 11; i++)
      groups.push(
        (await api.post("/v1/chats", { type: "group", title: `g${i}`, members: [] }, me.accessToken)).body.id,
      );
    for (const id of groups.slice(0, 10))
      expect((await put(api, `/v1/chats/${id}/pin`, me.accessToken)).status).toBe(200);
    expectError(await put(api, `/v1/chats/${groups[10]}/pin`, me.accessToken), 409, "too_many_pinned");
  });

  it("mark unread, and the member's other devices hear every change as chat_state", async () => {
    const api = new Api();
    const [me, friend] = [await createAccount(api), await createAccount(api)];
    const chat = await dialogOf(api, me, friend);
    const phone = await api.post("/v1/auth/login", { email: me.email, password: me.password });
    const socket = await TestSocket.connect(baseUrl(), phone.body.access_token);
    const friendSocket = await TestSocket.connect(baseUrl(), friend.accessToken);
    try {
      const marked = await put(api, `/v1/chats/${chat}/unread`, me.accessToken);
      expect(marked.body).toMatchObject({ marked_unread: true, unread_count: 0 });
      const frame = await socket.next("chat_state");
      expect(frame).toMatchObject({
        conversation_id: chat,
        marked_unread: true,
        muted: false,
        archived: false,
        pinned: false,
      });
      await put(api, `/v1/chats/${chat}/mute`, me.accessToken, { for: "1d" });
      expect((await socket.next("chat_state", (f) => f.muted)).muted_until).toBeTruthy();
      expect((await del(api, `/v1/chats/${chat}/unread`, me.accessToken)).body.marked_unread).toBe(false);
      await socket.next("chat_state", (f) => !f.marked_unread);
      await new Promise((r) => setTimeout(r, 300));
      expect(friendSocket.all("chat_state")).toHaveLength(0);
    } finally {
      await socket.close();
      await friendSocket.close();
    }
  });

  it("someone else's chat is a 404, and a bad id a 422", async () => {
    const api = new Api();
    const [me, friend, stranger] = [
      await createAccount(api),
      await createAccount(api),
      await createAccount(api),
    ];
    const chat = await dialogOf(api, me, friend);
    for (const path of ["mute", "archive", "pin", "unread"])
      expectError(await put(api, `/v1/chats/${chat}/${path}`, stranger.accessToken), 404, "not_found");
    expectError(await put(api, "/v1/chats/abc/pin", me.accessToken), 422, "validation_failed");
  });
});
