import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type Account, Api, createAccount, expectError } from "../support/api.ts";
import { sql } from "../support/db.ts";

/** A word no other test sends, so that results are exactly this test's messages. */
const word = (prefix = "zq") => `${prefix}${randomBytes(5).toString("hex")}`;

type People<N extends number, R extends Account[] = []> = R["length"] extends N
  ? R
  : People<N, [...R, Account]>;

async function people<N extends number>(api: Api, n: N): Promise<People<N>> {
  return (await Promise.all(Array.from({ length: n }, () => createAccount(api)))) as People<N>;
}

async function dialog(api: Api, alice: Account, bob: Account): Promise<number> {
  return (await api.post("/v1/dialogs", { user_id: bob.userId }, alice.accessToken)).body.id;
}

async function group(api: Api, owner: Account, members: Account[], title = "search group"): Promise<number> {
  const res = await api.post(
    "/v1/chats",
    { type: "group", title, members: members.map((m) => m.userId) },
    owner.accessToken,
  );
  return res.body.id;
}

async function send(api: Api, who: Account, chatId: number, text: string): Promise<{ id: number }> {
  const res = await api.post(`/v1/chats/${chatId}/messages`, { text }, who.accessToken);
  if (res.status !== 201) throw new Error(`send failed ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const search = (api: Api, who: Account, query: Record<string, string | number>) =>
  api.get(
    `/v1/search?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
    who.accessToken,
  );

const ids = (res: { body: { results: { message: { id: number } }[] } }) =>
  res.body.results.map((r) => r.message.id);
const marked = (r: { snippet: string; highlights: [number, number][] }) =>
  r.highlights.map(([s, e]) => r.snippet.slice(s, e));

describe("GET /v1/search", () => {
  it("finds messages in the caller's chats, never in other people's, a chat they left, or deleted ones", async () => {
    const api = new Api();
    const [alice, bob, carol, dave] = await people(api, 4);
    const w = word();
    const withBob = await dialog(api, alice, bob);
    const team = await group(api, alice, [bob, carol], "Team");
    const others = await dialog(api, carol, dave);
    const left = await group(api, bob, [alice, carol], "Left behind");

    const inDialog = await send(api, bob, withBob, `meet me about ${w} tomorrow`);
    const inGroup = await send(api, carol, team, `the ${w} plan`);
    await send(api, carol, others, `carol and dave talk about ${w}`);
    const inLeft = await send(api, bob, left, `${w} in a chat alice leaves`);
    const deleted = await send(api, alice, withBob, `${w} deleted later`);
    const moderated = await send(api, bob, team, `${w} removed by moderation`);
    expect(
      (
        await api.request("DELETE", `/v1/chats/${withBob}/messages/${deleted.id}`, {
          token: alice.accessToken,
        })
      ).status,
    ).toBe(204);
    await sql("UPDATE messages SET moderated_at = now() WHERE id = $1", [moderated.id]);
    expect(
      (await api.request("DELETE", `/v1/chats/${left}/members/${alice.userId}`, { token: alice.accessToken }))
        .status,
    ).toBe(204);

    const res = await search(api, alice, { q: w });
    expect(res.status).toBe(200);
    expect(ids(res).sort()).toEqual([inDialog.id, inGroup.id].sort());
    const byId = new Map(res.body.results.map((r: any) => [r.message.id, r]));
    expect(byId.get(inDialog.id)).toMatchObject({
      chat_id: withBob,
      chat_type: "dialog",
      chat_title: bob.username,
      match: "word",
      rank: expect.any(Number),
      message: {
        id: inDialog.id,
        chat_id: withBob,
        sender_id: bob.userId,
        text: `meet me about ${w} tomorrow`,
      },
    });
    expect(byId.get(inGroup.id)).toMatchObject({ chat_id: team, chat_type: "group", chat_title: "Team" });
    expect(res.body.next_cursor).toBeNull();

    // Dave sees only his own chat's message, and nobody sees the deleted or moderated ones.
    expect((await search(api, dave, { q: w })).body.results.map((r: any) => r.chat_id)).toEqual([others]);
    expect(ids(await search(api, bob, { q: w }))).not.toContain(moderated.id);
    expect(ids(await search(api, bob, { q: w }))).toContain(inLeft.id);
  });

  it("filters by chat_id, and answers 404 for a chat the caller cannot see", async () => {
    const api = new Api();
    const [alice, bob, carol] = await people(api, 3);
    const w = word();
    const a = await dialog(api, alice, bob);
    const b = await group(api, alice, [bob]);
    const inA = await send(api, alice, a, `${w} one`);
    await send(api, alice, b, `${w} two`);
    const carols = await dialog(api, carol, bob);

    const res = await search(api, alice, { q: w, chat_id: a });
    expect(ids(res)).toEqual([inA.id]);
    expectError(await search(api, alice, { q: w, chat_id: carols }), 404, "not_found");
    expectError(await search(api, alice, { q: w, chat_id: 2 ** 31 - 1 }), 404, "not_found");
  });

  it("pages with an opaque cursor, newest first whatever the rank, without duplicates", async () => {
    const api = new Api();
    const [alice, bob] = await people(api, 2);
    const w = word();
    const chat = await dialog(api, alice, bob);
    const sent = [];
    for (let i = 0; i < 7; i++)
      sent.push(
        await send(api, i % 2 ? bob : alice, chat, `${w} filler words number ${i} to make it longer`),
      );
    // The word twice in a short message ranks above the rest, and still comes in the order it was sent.
    const best = await send(api, alice, chat, `${w} ${w}`);

    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: any = await search(api, alice, { q: w, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.results.length).toBeLessThanOrEqual(3);
      seen.push(...ids(res));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([best.id, ...sent.map((m) => m.id).reverse()]);
    expect(new Set(seen).size).toBe(seen.length);
    const first: any = await search(api, alice, { q: w, limit: 8 });
    const ranks = first.body.results.map((r: any) => r.rank);
    expect(ranks[0]).toBeGreaterThan(Math.max(...ranks.slice(1)));
  });

  it("finds partial words by trigrams among whole-word matches, newest first, and highlights the typed text", async () => {
    const api = new Api();
    const [alice, bob] = await people(api, 2);
    const stem = word("pq");
    const chat = await dialog(api, alice, bob);
    const partial = await send(
      api,
      alice,
      chat,
      `A ${stem}message arrived, Another ${stem.toUpperCase()}MESSAGE too`,
    );
    const exact = await send(api, bob, chat, `just ${stem}`);

    const res = await search(api, alice, { q: stem });
    expect(ids(res)).toEqual([exact.id, partial.id]);
    expect(res.body.results.map((r: any) => r.match)).toEqual(["word", "partial"]);
    expect(res.body.results[1].rank).toBe(0);
    expect(marked(res.body.results[1]).map((s) => s.toLowerCase())).toEqual([stem, stem]);

    // Several partial terms, in their order, anywhere in words.
    const two = await search(api, alice, { q: `${stem.slice(2)} anoth` });
    expect(ids(two)).toEqual([partial.id]);
    expect(marked(two.body.results[0]).map((s) => s.toLowerCase())).toEqual([
      stem.slice(2),
      "anoth",
      stem.slice(2),
    ]);

    // Web-search syntax keeps its meaning: no partial matches for an excluded word or a phrase.
    expect(ids(await search(api, alice, { q: `${stem} -just` }))).toEqual([]);
    expect(ids(await search(api, alice, { q: `"just ${stem}"` }))).toEqual([exact.id]);

    // One order for both kinds: a partial hit sent last comes before the whole word.
    const later = await send(api, alice, chat, `${stem}ful, sent last`);
    expect(ids(await search(api, alice, { q: stem }))).toEqual([later.id, exact.id, partial.id]);
  });

  it("matches Cyrillic and Greek words regardless of case, and inside words", async () => {
    const api = new Api();
    const [alice, bob] = await people(api, 2);
    const chat = await dialog(api, alice, bob);
    const ru = await send(api, alice, chat, "Привет, как дела? Встретимся в Москве");
    const el = await send(api, bob, chat, "Καλημέρα σας, τι κάνετε;");

    const q = (text: string) => search(api, alice, { q: text, chat_id: chat });
    const privet = await q("привет");
    expect(ids(privet)).toEqual([ru.id]);
    expect(privet.body.results[0].match).toBe("word");
    expect(marked(privet.body.results[0])).toEqual(["Привет"]);
    expect(ids(await q("МОСКВЕ"))).toEqual([ru.id]);
    const kalimera = await q("καλημέρα");
    expect(ids(kalimera)).toEqual([el.id]);
    expect(marked(kalimera.body.results[0])).toEqual(["Καλημέρα"]);
    const inside = await q("москв");
    expect(ids(inside)).toEqual([ru.id]);
    expect(inside.body.results[0].match).toBe("partial");
    expect(marked(inside.body.results[0])).toEqual(["Москв"]);
  });

  it("returns a snippet of a long message as text, with offsets on the matched words", async () => {
    const api = new Api();
    const [alice, bob] = await people(api, 2);
    const w = word();
    const chat = await dialog(api, alice, bob);
    const filler = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    await send(api, alice, chat, `${filler} <b>${w}</b> & \u0001${w.toUpperCase()}\u0002 ${filler}`);

    const [hit] = (await search(api, alice, { q: w })).body.results;
    expect(hit.snippet.startsWith("…")).toBe(true);
    expect(hit.snippet.endsWith("…")).toBe(true);
    expect(hit.snippet.length).toBeLessThan(400);
    expect(hit.snippet).toContain(`<b>${w}</b>`);
    expect(marked(hit)).toEqual([w, w.toUpperCase()]);
    // The full message still carries its own text, markers and all.
    expect(hit.message.text).toContain(`\u0001${w.toUpperCase()}\u0002`);
  });

  it("a hit is the message as history shows it: forwarded_from and pinned included", async () => {
    const api = new Api();
    const [alice, bob, carol] = await people(api, 3);
    const source = await dialog(api, alice, bob);
    const target = await dialog(api, alice, carol);
    const needle = word();
    const original = await send(api, bob, source, `original ${needle}`);
    const forwarded = await api.post(
      `/v1/chats/${target}/messages/forward`,
      { from_chat_id: source, message_ids: [original.id] },
      alice.accessToken,
    );
    expect(forwarded.status).toBe(201);
    const copyId = forwarded.body.messages[0].id;
    expect(
      (await api.request("PUT", `/v1/chats/${target}/messages/${copyId}/pin`, { token: carol.accessToken }))
        .status,
    ).toBe(200);

    const res = await search(api, carol, { q: needle });
    expect(ids(res)).toEqual([copyId]);
    const history = await api.get(`/v1/chats/${target}/messages`, carol.accessToken);
    const shown = history.body.find((m: { id: number }) => m.id === copyId);
    expect(res.body.results[0].message).toMatchObject({
      forwarded_from: shown.forwarded_from,
      pinned: true,
      link_preview: null,
    });
    expect(shown.forwarded_from).toMatchObject({ user_id: bob.userId, message_id: original.id });
  });

  it("refuses bad input with 422", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const cases: [Record<string, string>, string | null][] = [
      [{}, "q"],
      [{ q: "" }, "q"],
      [{ q: "   " }, "q"],
      [{ q: "x".repeat(201) }, "q"],
      [{ q: "ok", limit: "51" }, "limit"],
      [{ q: "ok", limit: "0" }, "limit"],
      [{ q: "ok", cursor: "bm90LWEtY3Vyc29y" }, "cursor"],
      [{ q: "ok", chat_id: "abc" }, "chat_id"],
    ];
    for (const [query, field] of cases) {
      const res = await search(api, alice, query);
      expectError(res, 422, "validation_failed");
      expect(res.body.error.details[0].field).toBe(field);
    }
    expect((await search(api, alice, { q: "x".repeat(200) })).status).toBe(200);
    expectError(await search(api, alice, { q: "bad \u0000" }), 422, "invalid_text");
    expectError(await api.get("/v1/search?q=hello"), 401, "unauthorized");
  });
});

describe("GET /v1/chats/{id}/messages?around_id=", () => {
  it("answers the page around a message, newest first, for a member only", async () => {
    const api = new Api();
    const [alice, bob, carol] = await people(api, 3);
    const chat = await dialog(api, alice, bob);
    const sent = [];
    for (let i = 0; i < 9; i++) sent.push(await send(api, alice, chat, `m${i}`));
    const res = await api.get(`/v1/chats/${chat}/messages?around_id=${sent[4]!.id}&limit=4`, bob.accessToken);
    expect(res.body.map((m: { text: string }) => m.text)).toEqual(["m6", "m5", "m4", "m3"]);
    const start = await api.get(
      `/v1/chats/${chat}/messages?around_id=${sent[0]!.id}&limit=4`,
      bob.accessToken,
    );
    expect(start.body.map((m: { text: string }) => m.text)).toEqual(["m2", "m1", "m0"]);
    expectError(
      await api.get(`/v1/chats/${chat}/messages?around_id=${sent[4]!.id}`, carol.accessToken),
      404,
      "not_found",
    );
    expectError(
      await api.get(`/v1/chats/${chat}/messages?around_id=${sent[4]!.id}&after_id=1`, bob.accessToken),
      422,
      "validation_failed",
    );
  });
});
