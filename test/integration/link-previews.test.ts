import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LinkFetchError } from "../../lib/link-previews/fetch-error.ts";
import { type FetchLimits, safeFetch } from "../../lib/link-previews/safe-fetch.ts";
import { type Account, Api, createAccount } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { type PreviewSite, startPreviewSite } from "../support/preview-site.ts";
import { TestSocket } from "../support/socket.ts";

// A server of its own, allowed (test-only setting) to fetch from the local site and nothing else.
let site: PreviewSite;
let other: PreviewSite;
let app: AppServer;
let mail: MailCatcher;
let dataDir: string;
let api: () => Api;
let n = 0;
/** A fresh URL of a site path, so no test sees another's cached preview. */
const link = (route: string) => `${site.origin}${route}/${++n}`;

beforeAll(async () => {
  site = await startPreviewSite();
  other = await startPreviewSite();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-previews-"));
  mail = await startMailCatcher();
  app = await startAppServer({
    dataDir,
    smtpPort: mail.smtpPort,
    env: { LINK_PREVIEW_ALLOW_HOSTS: `127.0.0.1:${site.port}` },
  });
  const urls = { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` };
  api = () => new Api(undefined, urls);
});

afterAll(async () => {
  await app?.stop();
  await mail?.close();
  await site?.close();
  await other?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function dialog(client: Api) {
  const alice = await createAccount(client);
  const bob = await createAccount(client);
  const chat = await client.post("/v1/dialogs", { user_id: bob.userId }, alice.accessToken);
  const [aliceSocket, bobSocket] = await Promise.all([
    TestSocket.connect(app.url, alice.accessToken),
    TestSocket.connect(app.url, bob.accessToken),
  ]);
  return { alice, bob, id: chat.body.id as number, aliceSocket, bobSocket };
}

async function send(client: Api, who: Account, chatId: number, text: string) {
  const res = await client.post(`/v1/chats/${chatId}/messages`, { text }, who.accessToken);
  if (res.status !== 201) throw new Error(`send failed ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const previewOf = (socket: TestSocket, messageId: number, timeoutMs = 8000) =>
  socket.next("link_preview", (f) => f.message_id === messageId, timeoutMs);

/** Waits for the job to have cached a URL (a failure leaves no frame to wait for). */
async function cachedRow(url: string) {
  for (let i = 0; i < 80; i++) {
    const [row] = await query("SELECT * FROM link_previews WHERE url_key = $1", [url]);
    if (row) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no cache row for ${url}`);
}

describe("link previews of sent messages", () => {
  it("fetches Open Graph tags in the background, tells both members live, and history carries it", async () => {
    const client = api();
    const { alice, bob, id, aliceSocket, bobSocket } = await dialog(client);
    const url = link("/article");
    const sent = await send(client, alice, id, `read this: ${url} !`);
    // The send answer never waits for the fetch.
    expect(sent.link_preview).toBeNull();
    const [forAlice, forBob] = await Promise.all([
      previewOf(aliceSocket, sent.id),
      previewOf(bobSocket, sent.id),
    ]);
    expect(forBob).toEqual(forAlice);
    expect(forBob).toMatchObject({ type: "link_preview", conversation_id: id, message_id: sent.id });
    expect(forBob.link_preview).toMatchObject({
      url,
      title: "An & article",
      description: "What the article is about, in a sentence or two that a card shows.",
      site_name: "Local News",
      image: { url: expect.stringMatching(/^\/v1\/link-previews\/\d+\/image$/), width: 320, height: 160 },
    });
    const history = await client.get(`/v1/chats/${id}/messages`, bob.accessToken);
    expect(history.body[0].link_preview).toEqual(forBob.link_preview);

    // The image is stu's own copy (a WebP it made), for members only.
    const image = await fetch(`${app.url}${forBob.link_preview.image.url}`, {
      headers: { authorization: `Bearer ${bob.accessToken}` },
    });
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/webp");
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
    expect(site.hits.get("/image.png")).toBeGreaterThanOrEqual(1);
    const stranger = await createAccount(client);
    const refused = await fetch(`${app.url}${forBob.link_preview.image.url}`, {
      headers: { authorization: `Bearer ${stranger.accessToken}` },
    });
    expect(refused.status).toBe(404);
    aliceSocket.ws.close();
    bobSocket.ws.close();
  });

  it("falls back to <title> and the meta description, naming the host", async () => {
    const client = api();
    const { alice, id, bobSocket, aliceSocket } = await dialog(client);
    const sent = await send(client, alice, id, `[the page](${link("/plain")})`);
    const frame = await previewOf(bobSocket, sent.id);
    expect(frame.link_preview).toMatchObject({
      title: "Only a title",
      description: "And a meta description.",
      site_name: "127.0.0.1",
      image: null,
    });
    aliceSocket.ws.close();
    bobSocket.ws.close();
  });

  it("reuses the cached preview for the same URL (normalised) in another chat", async () => {
    const client = api();
    const one = await dialog(client);
    const two = await dialog(client);
    const url = link("/article");
    const first = await send(client, one.alice, one.id, url);
    await previewOf(one.bobSocket, first.id);
    const hits = site.hits.get(new URL(url).pathname);
    expect(hits).toBe(1);
    const again = await send(client, two.alice, two.id, `${url.replace("127.0.0.1", "127.0.0.1")}#section`);
    const frame = await previewOf(two.bobSocket, again.id);
    expect(frame.link_preview.title).toBe("An & article");
    expect(site.hits.get(new URL(url).pathname)).toBe(1);

    // Once expired, the next message with the URL fetches it again, refreshing the row in place.
    const [before] = await query(
      "UPDATE link_previews SET expires_at = now() WHERE url_key = $1 RETURNING id",
      [url],
    );
    const later = await send(client, one.bob, one.id, `once more ${url}`);
    await previewOf(one.aliceSocket, later.id);
    expect(site.hits.get(new URL(url).pathname)).toBe(2);
    const rows = await query("SELECT id, expires_at FROM link_previews WHERE url_key = $1", [url]);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(before.id);
    expect(rows[0].expires_at.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    for (const s of [one.aliceSocket, one.bobSocket, two.aliceSocket, two.bobSocket]) s.ws.close();
  });

  it("a link sent in two chats at once is stored once, with one image, when new and when refreshed", async () => {
    const client = api();
    const one = await dialog(client);
    const two = await dialog(client);
    const imageDir = path.join(dataDir, "uploads", "link-previews");
    const images = () => new Set(existsSync(imageDir) ? readdirSync(imageDir) : []);
    const imageOf = async () => {
      const rows = await query<{ image_key: string }>(
        "SELECT image_key FROM link_previews WHERE url_key = $1",
        [url],
      );
      expect(rows).toHaveLength(1);
      return rows[0]!.image_key;
    };
    // The slow page keeps both jobs fetching at the same time (the queue runs two at once).
    const url = link("/slow-article");
    const before = images();
    const sent = await Promise.all([
      send(client, one.alice, one.id, url),
      send(client, two.alice, two.id, url),
    ]);
    const frames = await Promise.all([
      previewOf(one.bobSocket, sent[0].id),
      previewOf(two.bobSocket, sent[1].id),
    ]);
    expect(frames[0].link_preview).toEqual(frames[1].link_preview);
    const first = await imageOf();
    expect([...images()].filter((f) => !before.has(f)).map((f) => `link-previews/${f}`)).toEqual([first]);

    await query("UPDATE link_previews SET expires_at = now() WHERE url_key = $1", [url]);
    const again = await Promise.all([
      send(client, one.bob, one.id, `again ${url}`),
      send(client, two.bob, two.id, `again ${url}`),
    ]);
    await Promise.all([previewOf(one.aliceSocket, again[0].id), previewOf(two.aliceSocket, again[1].id)]);
    const second = await imageOf();
    expect(second).not.toBe(first);
    // The old image went with the refresh; the loser's never stayed.
    expect([...images()].filter((f) => !before.has(f)).map((f) => `link-previews/${f}`)).toEqual([second]);
    for (const s of [one.aliceSocket, one.bobSocket, two.aliceSocket, two.bobSocket]) s.ws.close();
  });

  it("an edit that changes the link drops the old preview and fetches the new; deleting drops it", async () => {
    const client = api();
    const { alice, bob, id, aliceSocket, bobSocket } = await dialog(client);
    const sent = await send(client, alice, id, link("/article"));
    await previewOf(bobSocket, sent.id);
    bobSocket.frames.length = 0;

    // Same link, other words: the preview stays, nothing is fetched again.
    const reworded = await client.request("PATCH", `/v1/chats/${id}/messages/${sent.id}`, {
      body: { text: `${sent.text} (worth it)` },
      token: alice.accessToken,
    });
    expect(reworded.status).toBe(200);
    expect(reworded.body.link_preview?.title).toBe("An & article");

    const edited = await client.request("PATCH", `/v1/chats/${id}/messages/${sent.id}`, {
      body: { text: `better: ${link("/plain")}` },
      token: alice.accessToken,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.link_preview).toBeNull();
    const frame = await previewOf(bobSocket, sent.id);
    expect(frame.link_preview.title).toBe("Only a title");

    const removed = await client.request("DELETE", `/v1/chats/${id}/messages/${sent.id}`, {
      token: alice.accessToken,
    });
    expect(removed.status).toBeLessThan(300);
    const history = await client.get(`/v1/chats/${id}/messages`, bob.accessToken);
    expect(history.body[0]).toMatchObject({ id: sent.id, link_preview: null });
    const [row] = await query("SELECT link_preview_id FROM messages WHERE id = $1", [sent.id]);
    expect(row.link_preview_id).toBeNull();
    aliceSocket.ws.close();
    bobSocket.ws.close();
  });

  it("the sweep deletes previews expired a day ago that no visible message shows, with their images", async () => {
    const client = api();
    const { alice, id, aliceSocket, bobSocket } = await dialog(client);
    const [gone, kept, fresh] = [link("/article"), link("/article"), link("/article")];
    const sends: { id: number }[] = [];
    for (const url of [gone, kept, fresh]) {
      const sent = await send(client, alice, id, url);
      await previewOf(bobSocket, sent.id);
      sends.push(sent);
    }
    const rows = await query<{ id: number; url_key: string; image_key: string }>(
      "SELECT id, url_key, image_key FROM link_previews WHERE url_key = ANY($1::text[])",
      [[gone, kept, fresh]],
    );
    const byUrl = new Map(rows.map((r) => [r.url_key, r]));
    const imageFile = (url: string) => path.join(dataDir, "uploads", byUrl.get(url)!.image_key);
    for (const url of [gone, kept, fresh]) expect(existsSync(imageFile(url))).toBe(true);
    // The first message is deleted; the first two previews expired two days ago, the third is fresh.
    expect(
      (
        await client.request("DELETE", `/v1/chats/${id}/messages/${sends[0]!.id}`, {
          token: alice.accessToken,
        })
      ).status,
    ).toBeLessThan(300);
    // Deleting clears the link; a tombstone still pointing at a preview (as a moderated one may) keeps nothing.
    await query("UPDATE messages SET link_preview_id = $2 WHERE id = $1", [
      sends[0]!.id,
      byUrl.get(gone)!.id,
    ]);
    await query(
      "UPDATE link_previews SET expires_at = now() - interval '2 days' WHERE url_key = ANY($1::text[])",
      [[gone, kept]],
    );

    const [job] = await query<{ id: string }>(
      "SELECT (graphile_worker.add_job('sweep_link_previews', '{}'::json)).id",
    );
    for (let i = 0; i < 100; i++) {
      const [left] = await query("SELECT 1 FROM graphile_worker.jobs WHERE id = $1", [job!.id]);
      if (!left) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const left = await query<{ url_key: string }>(
      "SELECT url_key FROM link_previews WHERE url_key = ANY($1::text[]) ORDER BY id",
      [[gone, kept, fresh]],
    );
    expect(left.map((r) => r.url_key)).toEqual([kept, fresh]);
    expect(existsSync(imageFile(gone))).toBe(false);
    expect(existsSync(imageFile(kept))).toBe(true);
    // The message still showing the expired preview keeps its card.
    const history = await client.get(`/v1/chats/${id}/messages`, alice.accessToken);
    expect(history.body.find((m: { id: number }) => m.id === sends[1]!.id).link_preview.title).toBe(
      "An & article",
    );
    aliceSocket.ws.close();
    bobSocket.ws.close();
  });

  it("a link inside a code span or block is no link: nothing is fetched", async () => {
    const client = api();
    const { alice, id, aliceSocket, bobSocket } = await dialog(client);
    const inSpan = link("/article");
    const inBlock = link("/article");
    const code = await send(client, alice, id, `run \`curl ${inSpan}\`\n\n\`\`\`\n${inBlock}\n\`\`\``);
    // A message sent after it gets its preview: the queue has had its chance at the first one.
    const later = await send(client, alice, id, link("/plain"));
    await previewOf(bobSocket, later.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(site.hits.get(new URL(inSpan).pathname)).toBeUndefined();
    expect(site.hits.get(new URL(inBlock).pathname)).toBeUndefined();
    expect(bobSocket.all("link_preview").some((f) => f.message_id === code.id)).toBe(false);
    aliceSocket.ws.close();
    bobSocket.ws.close();
  });

  it("refuses what the allow list does not name exactly: a hostname resolving to loopback, another port", async () => {
    const client = api();
    const { alice, id, aliceSocket, bobSocket } = await dialog(client);
    const viaName = `http://localhost:${site.port}/article/${++n}`;
    const otherPort = `${other.origin}/article/${++n}`;
    const metadata = "http://169.254.169.254/latest/meta-data/";
    for (const url of [viaName, otherPort, metadata]) {
      const sent = await send(client, alice, id, url);
      const row = await cachedRow(new URL(url).href);
      expect(row.ok).toBe(false);
      const [message] = await query("SELECT link_preview_id FROM messages WHERE id = $1", [sent.id]);
      expect(message.link_preview_id).toBeNull();
    }
    expect(site.hits.get(new URL(viaName).pathname)).toBeUndefined();
    expect(other.hits.size).toBe(0);
    const logged = (pattern: RegExp) => app.logs.some((line) => pattern.test(line));
    expect(logged(/no preview for localhost:\d+: port_not_allowed/)).toBe(true);
    expect(logged(/no preview for 169\.254\.169\.254: private_address/)).toBe(true);
    expect(
      logged(new RegExp(`LINK_PREVIEW_ALLOW_HOSTS \\(a test-only setting\\).*127\\.0\\.0\\.1:${site.port}`)),
    ).toBe(true);
    aliceSocket.ws.close();
    bobSocket.ws.close();
  });
});

describe("the fetcher's SSRF rules", () => {
  const limits = (overrides: Partial<FetchLimits> = {}): FetchLimits => ({
    allowHosts: new Set([`127.0.0.1:${site.port}`]),
    maxBytes: 1024 * 1024,
    signal: AbortSignal.timeout(5000),
    accept: "text/html",
    accepts: (type) => type.startsWith("text/html"),
    ...overrides,
  });
  const refusal = async (url: string, overrides?: Partial<FetchLimits>) => {
    try {
      await safeFetch(new URL(url), limits(overrides));
    } catch (error) {
      if (error instanceof LinkFetchError) return error.reason;
      throw error;
    }
    return "fetched";
  };

  it("fetches from the allowed test host", async () => {
    expect(await refusal(link("/article"))).toBe("fetched");
  });

  it("refuses loopback, private, link-local, unique-local and IPv4-mapped addresses before connecting", async () => {
    for (const url of [
      "http://127.0.0.1/",
      "http://127.1.2.3/",
      "http://10.1.2.3/",
      "http://172.16.0.1/",
      "http://172.31.255.254/",
      "http://192.168.1.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://100.64.0.1/",
      "http://0.0.0.0/",
      "http://[::1]/",
      "http://[fc00::1]/",
      "http://[fd12:3456::1]/",
      "http://[fe80::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:10.0.0.1]/",
      "http://0x7f.1/",
      "http://localhost/",
    ]) {
      expect([url, await refusal(url)]).toEqual([url, "private_address"]);
    }
  });

  it("allows only ports 80 and 443 besides the test-only host", async () => {
    expect(await refusal("http://127.0.0.1:22/")).toBe("port_not_allowed");
    expect(await refusal(`${other.origin}/article/1`)).toBe("port_not_allowed");
    expect(await refusal("ftp://example.org/")).toBe("bad_url");
    expect(other.hits.size).toBe(0);
  });

  it("checks every redirect: none into a private address or another port of the allowed one", async () => {
    const to = (target: string) => `${site.origin}/redirect/${++n}?to=${encodeURIComponent(target)}`;
    expect(await refusal(to("http://127.0.0.1/article"))).toBe("private_address");
    expect(await refusal(to("http://10.0.0.1/"))).toBe("private_address");
    expect(await refusal(to("http://[::ffff:192.168.0.1]/"))).toBe("private_address");
    expect(await refusal(to(`${other.origin}/article/2`))).toBe("port_not_allowed");
    expect(other.hits.size).toBe(0);
    // A redirect within the allowed host is followed, at most three times.
    expect(await refusal(to(link("/article")))).toBe("fetched");
    const chain = to(to(to(to(link("/article")))));
    expect(await refusal(chain)).toBe("too_many_redirects");
  });

  it("stops reading a body over the cap, gives up on a stalled server, reads only HTML", async () => {
    expect(await refusal(link("/huge"))).toBe("too_large");
    const started = Date.now();
    expect(await refusal(link("/stall"), { signal: AbortSignal.timeout(500) })).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await refusal(link("/data.json"))).toBe("bad_content_type");
    expect(await refusal(link("/image.png"))).toBe("bad_content_type");
  });
});

describe("LINK_PREVIEWS=off", () => {
  let off: AppServer;
  let offDir: string;
  beforeAll(async () => {
    offDir = mkdtempSync(path.join(os.tmpdir(), "stu-previews-off-"));
    off = await startAppServer({
      dataDir: offDir,
      smtpPort: mail.smtpPort,
      env: { LINK_PREVIEWS: "off", LINK_PREVIEW_ALLOW_HOSTS: `127.0.0.1:${site.port}` },
    });
  });
  afterAll(async () => {
    await off?.stop();
    rmSync(offDir, { recursive: true, force: true });
  });

  it("queues and fetches nothing, and messages carry link_preview null", async () => {
    const client = new Api(undefined, { baseUrl: off.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` });
    const alice = await createAccount(client);
    const bob = await createAccount(client);
    const chat = await client.post("/v1/dialogs", { user_id: bob.userId }, alice.accessToken);
    const url = link("/article");
    const sent = await client.post(`/v1/chats/${chat.body.id}/messages`, { text: url }, alice.accessToken);
    expect(sent.status).toBe(201);
    expect(sent.body.link_preview).toBeNull();
    await new Promise((r) => setTimeout(r, 1500));
    expect(site.hits.get(new URL(url).pathname)).toBeUndefined();
    const client2 = new pg.Client({ connectionString: off.databaseUrl });
    await client2.connect();
    const cached = await client2.query("SELECT count(*)::int AS n FROM link_previews");
    await client2.end();
    expect(cached.rows[0].n).toBe(0);
    const history = await client.get(`/v1/chats/${chat.body.id}/messages`, bob.accessToken);
    expect(history.body[0].link_preview).toBeNull();
  });
});
