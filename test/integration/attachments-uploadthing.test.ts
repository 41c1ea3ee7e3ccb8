import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, createAccount } from "../support/api.ts";
import { type AppServer, startAppServer } from "../support/app-server.ts";
import { type FakeUploadThing, startFakeUploadThing } from "../support/fake-uploadthing.ts";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher.ts";
import { dialogOf, fetchMedia, png, presign, putBytes } from "../support/media.ts";
import { contractUploadTests } from "../support/media-flow.ts";

const MAX_UPLOAD_BYTES = 1_000_000;
let cloud: FakeUploadThing;
let mail: MailCatcher;
let app: AppServer;
let dataDir: string;
const api = () => new Api(undefined, { baseUrl: app.url, mailUrl: `http://127.0.0.1:${mail.httpPort}` });

beforeAll(async () => {
  cloud = await startFakeUploadThing();
  mail = await startMailCatcher();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-ut-app-"));
  app = await startAppServer({
    dataDir,
    smtpPort: mail.smtpPort,
    env: { ...cloud.env, MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) },
  });
});

afterAll(async () => {
  await app?.stop();
  await mail?.close();
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// Only the UploadThing cloud is replaced (by test/support/fake-uploadthing.ts); the app runs the real
// uploadthing SDK against it. The live service was not exercised.
describe("uploadthing driver against a local stand-in of the UploadThing cloud (live service not exercised)", () => {
  it("presign → multipart PUT to the ingest URL → send → download and thumbnail through signed file URLs", async () => {
    const a = api();
    const [alice, bob, carol] = [await createAccount(a), await createAccount(a), await createAccount(a)];
    const chat = await dialogOf(a, alice, bob);
    const image = await png(900, 300);
    const target = await presign(a, alice, {
      filename: "wide.png",
      content_type: "image/png",
      size: image.length,
    });
    expect(target.form_field).toBe("file");
    const ingest = new URL(target.url);
    expect(ingest.origin).toBe(`http://127.0.0.1:${cloud.port}`);
    expect(ingest.searchParams.get("x-ut-identifier")).toBe("stuapp");
    expect(ingest.searchParams.get("x-ut-file-size")).toBe(String(image.length));
    expect(ingest.searchParams.get("signature")).toMatch(/^hmac-sha256=[0-9a-f]{64}$/);

    const tampered = new URL(ingest);
    tampered.searchParams.set("x-ut-file-size", String(image.length * 10));
    expect((await putBytes({ ...target, url: tampered.href }, image)).status).toBe(403);
    expect((await putBytes(target, image)).ok).toBe(true);

    const sent = await a.post(
      `/v1/chats/${chat}/messages`,
      { text: "", attachments: [target.id] },
      alice.accessToken,
    );
    expect(sent.status).toBe(201);
    expect(sent.body.attachments[0]).toMatchObject({
      id: target.id,
      width: 900,
      height: 300,
      has_thumbnail: true,
    });

    const download = await fetchMedia(a, bob, `/v1/media/${target.id}/download`);
    expect(new URL(download.location).pathname).toBe(`/a/stuapp/${ingest.pathname.slice(1)}`);
    expect(download.bytes.equals(image)).toBe(true);
    const thumb = await fetchMedia(a, bob, `/v1/media/${target.id}/thumbnail`);
    expect(await sharp(thumb.bytes).metadata()).toMatchObject({ format: "webp", width: 320, height: 107 });
    expect(cloud.files.size).toBe(2);
    expect((await a.get(`/v1/media/${target.id}`, carol.accessToken)).status).toBe(404);
  });

  contractUploadTests(api);

  it("without a declared size the ingest URL is bounded by MAX_UPLOAD_BYTES", async () => {
    const a = api();
    const alice = await createAccount(a);
    const target = await presign(a, alice, { filename: "big.bin", content_type: "application/octet-stream" });
    expect(new URL(target.url).searchParams.get("x-ut-file-size")).toBe(String(MAX_UPLOAD_BYTES));
    expect((await putBytes(target, Buffer.alloc(MAX_UPLOAD_BYTES + 1))).status).toBe(413);
  });

  it("completion refuses bytes that are not the declared image and deletes them from the cloud", async () => {
    const a = api();
    const alice = await createAccount(a);
    const fake = Buffer.from("GIF? no, just text");
    const target = await presign(a, alice, {
      filename: "x.gif",
      content_type: "image/gif",
      size: fake.length,
    });
    expect((await putBytes(target, fake)).ok).toBe(true);
    const before = cloud.files.size;
    const done = await a.post(`/v1/attachments/${target.id}/complete`, undefined, alice.accessToken);
    expect([done.status, done.body.error.code]).toEqual([422, "content_mismatch"]);
    expect(cloud.files.size).toBe(before - 1);
  });
});
