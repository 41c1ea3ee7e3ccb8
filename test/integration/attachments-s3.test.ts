import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, createAccount, expectError } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { dialogOf, fetchMedia, jpeg, png, presign, putBytes } from "../support/media.ts";
import { mediaFlowTests } from "../support/media-flow.ts";
import { type S3Server, startS3Server } from "../support/s3-server.ts";

let s3: S3Server;
let mail: MailCatcher;
let app: AppServer;
let dataDir: string;
let client: S3Client;
const api = () => new Api(undefined, { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` });
const MAX_UPLOAD_BYTES = 1_000_000;
const S3_KEYS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

async function keysOf(id: number): Promise<string[]> {
  const list = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  return (list.Contents ?? []).map((o) => o.Key!).filter((k) => k.split("/")[1]?.startsWith(`${id}-`));
}

beforeAll(async () => {
  s3 = await startS3Server();
  mail = await startMailCatcher();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-s3-app-"));
  app = await startAppServer({
    dataDir,
    smtpPort: mail.smtpPort,
    env: {
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: S3_KEYS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3_KEYS.secretAccessKey,
      MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
    },
  });
  client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: S3_KEYS,
  });
});

afterAll(async () => {
  await app?.stop();
  await mail?.close();
  await s3?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("attachments on the s3 driver (s3rver)", () => {
  mediaFlowTests(api, { appServesBytes: false });
});

describe("s3 uploads", () => {
  it("are presigned PUT URLs of the store binding Content-Type and Content-Length", async () => {
    const alice = await createAccount(api());
    const target = await presign(api(), alice, { filename: "a.png", content_type: "image/png", size: 123 });
    const url = new URL(target.url);
    expect(url.origin).toBe(s3.endpoint);
    expect(url.pathname).toMatch(new RegExp(`^/${s3.bucket}/pending/${target.id}-`));
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("600");
    expect(target.headers).toEqual({ "Content-Type": "image/png" });
  });

  it("without a declared size sign no Content-Length, and completion refuses more than MAX_UPLOAD_BYTES", async () => {
    const a = api();
    const [alice, bob] = [await createAccount(a), await createAccount(a)];
    const chat = await dialogOf(a, alice, bob);
    const big = await presign(a, alice, { filename: "big.bin", content_type: "application/octet-stream" });
    expect(new URL(big.url).searchParams.get("X-Amz-SignedHeaders")).toBe("content-type;host");
    // The store takes any size on such a URL; the app checks it when the upload is first used.
    expect((await putBytes(big, Buffer.alloc(MAX_UPLOAD_BYTES + 1))).ok).toBe(true);
    expectError(
      await a.post(`/v1/chats/${chat}/messages`, { text: "", attachments: [big.id] }, alice.accessToken),
      413,
      "upload_too_large",
    );
    expect(await keysOf(big.id)).toEqual([]);

    const fits = await presign(a, alice, { filename: "fits.bin", content_type: "application/octet-stream" });
    expect((await putBytes(fits, Buffer.alloc(MAX_UPLOAD_BYTES, 7))).ok).toBe(true);
    const sent = await a.post(
      `/v1/chats/${chat}/messages`,
      { text: "", attachments: [fits.id] },
      alice.accessToken,
    );
    expect(sent.body.attachments[0]).toMatchObject({ id: fits.id, size: MAX_UPLOAD_BYTES });
    const download = await fetchMedia(a, bob, `/v1/media/${fits.id}/download`);
    expect(download.bytes.equals(Buffer.alloc(MAX_UPLOAD_BYTES, 7))).toBe(true);
  });

  it("completion checks size and magic bytes, deletes refused bytes, and makes a thumbnail object", async () => {
    const a = api();
    const [alice, bob] = [await createAccount(a), await createAccount(a)];
    const chat = await dialogOf(a, alice, bob);

    // s3rver does not enforce the signed Content-Length, so completion must notice the difference.
    const short = await presign(a, alice, { filename: "s.txt", content_type: "text/plain", size: 10 });
    expect((await putBytes(short, Buffer.from("short"))).ok).toBe(true);
    expectError(
      await a.post(`/v1/chats/${chat}/messages`, { text: "", attachments: [short.id] }, alice.accessToken),
      422,
      "upload_size_mismatch",
    );
    expect(await keysOf(short.id)).toEqual([]);

    const photo = await jpeg(50, 50);
    const lying = await presign(a, alice, {
      filename: "l.png",
      content_type: "image/png",
      size: photo.length,
    });
    expect((await putBytes(lying, photo)).ok).toBe(true);
    expectError(
      await a.post(`/v1/attachments/${lying.id}/complete`, undefined, alice.accessToken),
      422,
      "content_mismatch",
    );
    expect(await keysOf(lying.id)).toEqual([]);

    const image = await png(640, 480);
    const good = await presign(a, alice, {
      filename: "g.png",
      content_type: "image/png",
      size: image.length,
    });
    expect((await putBytes(good, image)).ok).toBe(true);
    const done = await a.post(`/v1/attachments/${good.id}/complete`, undefined, alice.accessToken);
    expect(done.body).toMatchObject({ id: good.id, width: 640, height: 480, has_thumbnail: true });
    const keys = await keysOf(good.id);
    expect(keys.sort()).toEqual([
      expect.stringMatching(/^media\/.*[0-9a-f]$/),
      expect.stringMatching(/\.thumb\.webp$/),
    ]);
    const thumb = await client.send(
      new HeadObjectCommand({ Bucket: s3.bucket, Key: keys.find((k) => k.endsWith(".webp")) }),
    );
    expect(thumb.ContentType).toBe("image/webp");

    // The presigned PUT URL still works at the store until it expires, but it points at pending/,
    // not at the checked copy: the file members download cannot be replaced.
    expect((await putBytes(good, Buffer.alloc(image.length))).ok).toBe(true);
    await a.post(`/v1/chats/${chat}/messages`, { text: "", attachments: [good.id] }, alice.accessToken);
    expect((await fetchMedia(a, bob, `/v1/media/${good.id}/download`)).bytes.equals(image)).toBe(true);
  });

  it("downloads of HTML are attachments of type application/octet-stream set by the store", async () => {
    const a = api();
    const [alice, bob] = [await createAccount(a), await createAccount(a)];
    const chat = await dialogOf(a, alice, bob);
    const html = Buffer.from("<script>alert(1)</script>");
    const target = await presign(a, alice, {
      filename: "x.html",
      content_type: "text/html",
      size: html.length,
    });
    await putBytes(target, html);
    await a.post(`/v1/chats/${chat}/messages`, { text: "", attachments: [target.id] }, alice.accessToken);
    const { res } = await fetchMedia(a, bob, `/v1/media/${target.id}/download?inline=1`);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="x.html"; filename*=UTF-8''x.html`,
    );
  });
});
