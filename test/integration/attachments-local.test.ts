import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";
import { signGrant } from "@/lib/media/signing.ts";
import { Api, createAccount, expectError } from "../support/api.ts";
import {
  dialogOf,
  fetchMedia,
  jpeg,
  png,
  presign,
  putBytes,
  storedFilesOf as storedFiles,
  upload,
} from "../support/media.ts";
import { mediaFlowTests } from "../support/media-flow.ts";
import { TestSocket } from "../support/socket.ts";

/** Files the local driver keeps for an upload (the shared test server's STU_DATA_DIR/uploads). */
const storedFilesOf = (id: number) => storedFiles(inject("dataDir"), id);

describe("attachments on the local driver", () => {
  mediaFlowTests(() => new Api(), { appServesBytes: true });
});

describe("upload URLs of the local driver", () => {
  it("refuse a tampered signature, an expired URL and a second use", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const bytes = Buffer.from("hello world");
    const target = await presign(api, alice, {
      filename: "a.txt",
      content_type: "text/plain",
      size: bytes.length,
    });
    const url = new URL(target.url);
    expect(url.pathname).toBe(`/v1/uploads/${target.id}`);

    const tampered = new URL(url);
    tampered.searchParams.set("sig", `${url.searchParams.get("sig")!.slice(0, -2)}AA`);
    expect(await (await fetch(tampered, { method: "PUT", body: bytes })).json()).toMatchObject({
      error: { code: "invalid_signature" },
    });
    const later = new URL(url);
    later.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 3600));
    expect((await fetch(later, { method: "PUT", body: bytes })).status).toBe(403);

    const past = Math.floor(Date.now() / 1000) - 60;
    const grant = {
      method: "PUT",
      id: target.id,
      variant: "upload",
      disposition: "attachment",
      expires: past,
    } as const;
    const expired = new URL(url);
    expired.searchParams.set("expires", String(past));
    expired.searchParams.set("sig", signGrant(grant, inject("authSecret")));
    const expiredRes = await fetch(expired, { method: "PUT", body: bytes });
    expect([expiredRes.status, (await expiredRes.json()).error.code]).toEqual([403, "upload_url_expired"]);

    expect((await putBytes(target, bytes)).status).toBe(200);
    const again = await putBytes(target, bytes);
    expect([again.status, (await again.json()).error.code]).toEqual([409, "upload_url_used"]);
  });

  it("refuse more or fewer bytes than declared, keeping the URL usable for a correct retry", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const bytes = Buffer.from("exactly twenty bytes");
    const target = await presign(api, alice, {
      filename: "b.txt",
      content_type: "text/plain",
      size: bytes.length,
    });

    const over = await putBytes(target, Buffer.concat([bytes, Buffer.from("!")]));
    expect([over.status, (await over.json()).error.code]).toEqual([413, "upload_too_large"]);
    // Chunked, with no Content-Length to refuse up front: the stream is counted and cut off.
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(64 * 1024));
        controller.close();
      },
    });
    const streamed = await fetch(target.url, { method: "PUT", body: chunked, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    const under = await putBytes(target, bytes.subarray(0, 10));
    expect([under.status, (await under.json()).error.code]).toEqual([422, "upload_incomplete"]);
    expect(storedFilesOf(target.id)).toEqual([]);

    expect((await putBytes(target, bytes)).status).toBe(200);
    expect(storedFilesOf(target.id)).toHaveLength(1);
  });

  it("accept a Content-Type repeated the way fetch joins duplicate headers, refuse a different one", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const image = await png(20, 20);
    const target = await presign(api, alice, {
      filename: "twice.png",
      content_type: "image/png",
      size: image.length,
    });
    // The answered headers merged with a lower-case copy: fetch sends "image/png, image/png".
    const mixed = await putBytes(target, image, { "content-type": "image/jpeg" });
    expect([mixed.status, (await mixed.json()).error.code]).toEqual([422, "content_type_mismatch"]);
    const twice = await putBytes(target, image, { "content-type": "image/png" });
    expect(twice.status).toBe(200);

    const text = Buffer.from("plain words");
    const note = await presign(api, alice, {
      filename: "n.txt",
      content_type: "text/plain",
      size: text.length,
    });
    const withCharset = await fetch(note.url, {
      method: "PUT",
      body: text,
      headers: [
        ["Content-Type", "text/plain; charset=utf-8"],
        ["Content-Type", "text/plain;charset=UTF-8"],
      ],
    });
    expect(withCharset.status).toBe(200);
  });

  it("without a declared size, refuse more than MAX_UPLOAD_BYTES (25 MiB here) and record what arrived", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const target = await presign(api, alice, {
      filename: "big.bin",
      content_type: "application/octet-stream",
    });
    const limit = 25 * 1024 * 1024;

    const over = await putBytes(target, Buffer.alloc(limit + 1));
    expect([over.status, (await over.json()).error.code]).toEqual([413, "upload_too_large"]);
    // Chunked, with no Content-Length to refuse up front: the stream is counted and cut off.
    let sent = 0;
    const chunked = new ReadableStream({
      pull(controller) {
        if (sent > limit) return controller.close();
        controller.enqueue(new Uint8Array(1024 * 1024));
        sent += 1024 * 1024;
      },
    });
    const streamed = await fetch(target.url, { method: "PUT", body: chunked, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(storedFilesOf(target.id)).toEqual([]);

    const bytes = Buffer.from("a modest file");
    const ok = await putBytes(target, bytes);
    expect(ok.status).toBe(200);
    expect((await ok.json()).size).toBe(bytes.length);
  });

  it("refuse an image whose bytes are not what was declared, and do not keep them", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const photo = await jpeg(40, 30);
    const target = await presign(api, alice, {
      filename: "c.png",
      content_type: "image/png",
      size: photo.length,
    });
    const res = await putBytes(target, photo);
    const body = await res.json();
    expect([res.status, body.error.code]).toEqual([422, "content_mismatch"]);
    expect(body.error.message).toContain("image/jpeg");
    expect(storedFilesOf(target.id)).toEqual([]);
    const text = Buffer.from("<html><script>alert(1)</script></html>");
    const html = await presign(api, alice, {
      filename: "d.gif",
      content_type: "image/gif",
      size: text.length,
    });
    expect((await putBytes(html, text)).status).toBe(422);
  });

  it("range requests get 206 with the right slice", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const bytes = Buffer.from("0123456789abcdef");
    const id = await upload(api, alice, bytes, "video/mp4", "clip.mp4");
    const { res, bytes: slice } = await fetchMedia(api, alice, `/v1/media/${id}/download`, {
      Range: "bytes=4-7",
    });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 4-7/${bytes.length}`);
    expect(slice.toString()).toBe("4567");
    const link = (await api.get(`/v1/media/${id}`, alice.accessToken)).body.url;
    expect((await fetch(link, { headers: { Range: "bytes=99-" } })).status).toBe(416);
    const forged = new URL(link);
    forged.searchParams.set("variant", "thumbnail");
    expect((await fetch(forged)).status).toBe(403);
  });
});

describe("presign validation", () => {
  it("refuses disallowed types, too large files and bad fields with clear errors", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const ask = (body: object) => api.post("/v1/attachments/presign", body, alice.accessToken);
    expectError(
      await ask({ filename: "x.exe", content_type: "application/x-msdownload", size: 10 }),
      422,
      "content_type_not_allowed",
    );
    expectError(
      await ask({ filename: "big.mp4", content_type: "video/mp4", size: 25 * 1024 * 1024 + 1 }),
      413,
      "file_too_large",
    );
    expect(
      (await ask({ filename: "ok.mp4", content_type: "video/mp4", size: 25 * 1024 * 1024 })).status,
    ).toBe(201);
    for (const body of [
      { content_type: "text/plain", size: 1 },
      { filename: "a", content_type: "text/plain", size: 0 },
      { filename: "a", content_type: "text/plain", size: 1.5 },
      { filename: "a", content_type: "text/plain", size: 1, extra: true },
    ]) {
      expectError(await ask(body), 422, "validation_failed");
    }
    expectError(
      await api.post("/v1/attachments/presign", { filename: "a", content_type: "text/plain", size: 1 }),
      401,
      "unauthorized",
    );
  });

  it("keeps a safe filename and sends it back with RFC 5987 encoding", async () => {
    const api = new Api();
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const target = await presign(api, alice, {
      filename: '../../etc/отчёт "final".txt',
      content_type: "text/plain; charset=utf-8",
      size: 3,
    });
    expect((await putBytes(target, Buffer.from("abc"), { "Content-Type": "text/plain" })).status).toBe(200);
    const chat = await dialogOf(api, alice, bob);
    const sent = await api.post(
      `/v1/chats/${chat}/messages`,
      { text: "", attachments: [target.id] },
      alice.accessToken,
    );
    expect(sent.body.attachments[0]).toMatchObject({
      filename: "отчёт final.txt",
      content_type: "text/plain",
    });
    const { res } = await fetchMedia(api, bob, `/v1/media/${target.id}/download`);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="_____ final.txt"; filename*=UTF-8''${encodeURIComponent("отчёт final.txt")}`,
    );
  });

  it("POST /v1/media/upload-request is the same call and answers metadata_id; unprefixed paths work", async () => {
    const api = new Api();
    const alice = await createAccount(api);
    const file = { filename: "m.txt", content_type: "text/plain", size: 2 };
    const res = await api.post("/v1/media/upload-request", file, alice.accessToken);
    expect(res.status).toBe(201);
    expect(res.body.metadata_id).toBe(res.body.id);
    expect((await api.post("/attachments/presign", file, alice.accessToken)).status).toBe(201);
    const done = await api.post(`/v1/attachments/${res.body.id}/complete`, undefined, alice.accessToken);
    expectError(done, 422, "upload_not_finished");
  });
});

describe("files that must never render", () => {
  it.each([
    ["image/svg+xml", "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ["text/html", "page.html", "<script>alert(document.cookie)</script>"],
  ])("%s is served as an opaque attachment with nosniff and a sandbox CSP", async (type, name, content) => {
    const api = new Api();
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const chat = await dialogOf(api, alice, bob);
    const id = await upload(api, alice, Buffer.from(content), type, name);
    const sent = await api.post(
      `/v1/chats/${chat}/messages`,
      { text: "", attachments: [id] },
      alice.accessToken,
    );
    expect(sent.body.attachments[0]).toMatchObject({
      content_type: type,
      has_thumbnail: false,
      thumbnail_url: null,
    });
    const { res, bytes } = await fetchMedia(api, bob, `/v1/media/${id}/download?inline=1`);
    expect(bytes.toString()).toBe(content);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expectError(await api.get(`/v1/media/${id}/thumbnail`, bob.accessToken), 404, "no_thumbnail");
  });
});

describe("avatars", () => {
  it("a user's avatar is an image upload's thumbnail, readable by any signed-in user", async () => {
    const api = new Api();
    const [alice, stranger] = [await createAccount(api), await createAccount(api)];
    const id = await upload(api, alice, await png(600, 600), "image/png", "me.png");
    const patch = (body: object, who = alice) =>
      api.request("PATCH", "/v1/users/me", { token: who.accessToken, body });
    const me = await patch({ avatar_id: id });
    expect(me.status).toBe(200);
    expect(me.body.avatar_url).toBe(`/v1/media/${id}/thumbnail`);
    expect((await api.get(`/v1/users/${alice.userId}`, stranger.accessToken)).body.avatar_url).toBe(
      me.body.avatar_url,
    );
    const thumb = await fetchMedia(api, stranger, me.body.avatar_url);
    expect(await sharp(thumb.bytes).metadata()).toMatchObject({ width: 320, height: 320 });
    expectError(await api.get(me.body.avatar_url), 401, "unauthorized");

    const text = await upload(api, alice, Buffer.from("not an image"), "text/plain");
    expectError(await patch({ avatar_id: text }), 422, "not_an_image");
    const theirs = await upload(api, stranger, await png(10, 10), "image/png");
    expectError(await patch({ avatar_id: theirs }), 422, "invalid_attachment");
    expectError(
      await patch({ avatar_id: id, avatar_url: "https://x.example/a.png" }),
      422,
      "validation_failed",
    );
    expect((await patch({ avatar_id: null })).body.avatar_url).toBeNull();
  });

  it("a group's avatar is set by its owner or admins and announced in chat_updated", async () => {
    const api = new Api();
    const [owner, member, outsider] = [
      await createAccount(api),
      await createAccount(api),
      await createAccount(api),
    ];
    const group = (
      await api.post("/v1/chats", { type: "group", title: "G", members: [member.userId] }, owner.accessToken)
    ).body;
    expect(group.avatar_url).toBeNull();
    const dialog = await dialogOf(api, owner, member);
    expect((await api.get(`/v1/chats/${dialog}`, owner.accessToken)).body.avatar_url).toBeNull();

    const socket = await TestSocket.connect(api.baseUrl, member.accessToken);
    const id = await upload(api, owner, await png(64, 64), "image/png", "group.png");
    const res = await api.request("PATCH", `/v1/chats/${group.id}`, {
      token: owner.accessToken,
      body: { avatar_id: id },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: "G", avatar_url: `/v1/media/${id}/thumbnail` });
    const update = await socket.next("chat_updated", (f) => f.chat.avatar_url !== null);
    expect(update.chat.avatar_url).toBe(`/v1/media/${id}/thumbnail`);
    expect((await api.get(`/v1/chats/${group.id}`, member.accessToken)).body.avatar_url).toBe(
      res.body.avatar_url,
    );
    expect((await fetchMedia(api, outsider, res.body.avatar_url)).res.status).toBe(200);

    const mine = await upload(api, member, await png(64, 64), "image/png");
    expectError(
      await api.request("PATCH", `/v1/chats/${group.id}`, {
        token: member.accessToken,
        body: { avatar_id: mine },
      }),
      403,
      "not_chat_admin",
    );
    await socket.close();
  });
});
