import sharp from "sharp";
import { expect, it } from "vitest";
import { type Api, createAccount, expectError } from "./api.ts";
import { dialogOf, fetchMedia, jpeg, png, presign, putBytes, upload } from "./media.ts";
import { TestSocket } from "./socket.ts";

/**
 * The client flow every storage driver must support, end to end: presign → PUT → send (REST and
 * socket) → the members download it, strangers get 404, a deleted message's files are gone.
 * `appServesBytes`: the local driver serves files itself, with our own safety headers.
 */
export function mediaFlowTests(getApi: () => Api, options: { appServesBytes: boolean }) {
  contractUploadTests(getApi);

  it("presign → PUT → send over REST → members download the same bytes and a thumbnail", async () => {
    const api = getApi();
    const [alice, bob, carol] = [
      await createAccount(api),
      await createAccount(api),
      await createAccount(api),
    ];
    const chat = await dialogOf(api, alice, bob);
    const image = await png(800, 600);

    const target = await presign(api, alice, {
      filename: "holiday.png",
      content_type: "image/png",
      size: image.length,
    });
    expect(target).toMatchObject({ method: "PUT", expires_in: 600 });
    expect(typeof target.id).toBe("number");
    expect(target.url).toMatch(/^https?:\/\//);
    expect((await putBytes(target, image)).ok).toBe(true);

    const sent = await api.post(
      `/v1/chats/${chat}/messages`,
      { text: "", attachments: [target.id] },
      alice.accessToken,
    );
    expect(sent.status).toBe(201);
    expect(sent.body.text).toBe("");
    expect(sent.body.attachments).toEqual([
      {
        id: target.id,
        filename: "holiday.png",
        content_type: "image/png",
        size: image.length,
        width: 800,
        height: 600,
        url: `/v1/media/${target.id}/download`,
        thumbnail_url: `/v1/media/${target.id}/thumbnail`,
        has_thumbnail: true,
      },
    ]);

    const link = await api.get(`/v1/media/${target.id}`, bob.accessToken);
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ id: target.id, expires_in: 300 });
    const viaLink = await fetch(link.body.url);
    expect(Buffer.from(await viaLink.arrayBuffer()).equals(image)).toBe(true);

    const download = await fetchMedia(api, bob, `/v1/media/${target.id}/download`);
    expect(download.res.status).toBe(200);
    expect(download.bytes.equals(image)).toBe(true);
    expect(download.res.headers.get("content-type")).toBe("image/png");
    expect(download.res.headers.get("content-length")).toBe(String(image.length));
    if (options.appServesBytes) {
      expect(download.res.headers.get("content-disposition")).toBe(
        `attachment; filename="holiday.png"; filename*=UTF-8''holiday.png`,
      );
      expect(download.res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(download.res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
      const inline = await fetchMedia(api, bob, `/v1/media/${target.id}/download?inline=1`);
      expect(inline.res.headers.get("content-disposition")).toMatch(/^inline; /);
    }

    const thumb = await fetchMedia(api, bob, `/v1/media/${target.id}/thumbnail`);
    expect(thumb.res.status).toBe(200);
    const meta = await sharp(thumb.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 320, 240]);

    for (const path of [
      `/v1/media/${target.id}`,
      `/v1/media/${target.id}/download`,
      `/v1/media/${target.id}/thumbnail`,
    ]) {
      expectError(await api.get(path, carol.accessToken), 404, "not_found");
    }
    const list = await api.get("/v1/chats", bob.accessToken);
    expect(list.body.find((c: any) => c.id === chat).last_message.attachments[0].id).toBe(target.id);
  });

  it("send over the socket: the ACK and the other member's new_message carry the attachment", async () => {
    const api = getApi();
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const chat = await dialogOf(api, alice, bob);
    const photo = await jpeg(200, 500);
    const id = await upload(api, alice, photo, "image/jpeg", "portrait.jpg");
    const [a, b] = [
      await TestSocket.connect(api.baseUrl, alice.accessToken),
      await TestSocket.connect(api.baseUrl, bob.accessToken),
    ];
    a.send({
      type: "send_message",
      temp_id: "att-1",
      conversation_id: chat,
      text: "look",
      attachments: [id],
    });
    const ack = await a.next("message_sent", (f) => f.temp_id === "att-1");
    const incoming = await b.next("new_message");
    for (const message of [ack.message, incoming.message]) {
      expect(message.attachments).toMatchObject([
        { id, content_type: "image/jpeg", width: 200, height: 500 },
      ]);
    }
    // The same temp_id again is the same message, not a second claim of the upload.
    a.send({
      type: "send_message",
      temp_id: "att-1",
      conversation_id: chat,
      text: "look",
      attachments: [id],
    });
    const again = await a.next("message_sent", (f) => f.temp_id === "att-1" && f !== ack);
    expect(again.message.id).toBe(ack.message.id);
    const history = await api.get(`/v1/chats/${chat}/messages`, bob.accessToken);
    expect(history.body[0].attachments[0]).toMatchObject({ id, filename: "portrait.jpg" });
    expect((await fetchMedia(api, bob, `/v1/media/${id}/download`)).bytes.equals(photo)).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it("deleting the message hides its attachments and stops others downloading them", async () => {
    const api = getApi();
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const chat = await dialogOf(api, alice, bob);
    const id = await upload(api, alice, Buffer.from("%PDF-1.4 minutes"), "application/pdf", "minutes.pdf");
    const sent = await api.post(
      `/v1/chats/${chat}/messages`,
      { text: "notes", attachments: [id] },
      alice.accessToken,
    );
    expect((await api.get(`/v1/media/${id}`, bob.accessToken)).status).toBe(200);
    const deleted = await api.request("DELETE", `/v1/chats/${chat}/messages/${sent.body.id}`, {
      token: alice.accessToken,
    });
    expect(deleted.status).toBe(204);
    const history = await api.get(`/v1/chats/${chat}/messages`, bob.accessToken);
    expect(history.body[0]).toMatchObject({ id: sent.body.id, attachments: [] });
    for (const path of [`/v1/media/${id}`, `/v1/media/${id}/download`]) {
      expectError(await api.get(path, bob.accessToken), 404, "not_found");
    }
    expect((await api.get(`/v1/media/${id}`, alice.accessToken)).status).toBe(200);
  });

  it("refuses attaching someone else's upload, an unfinished one, or one already sent", async () => {
    const api = getApi();
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const chat = await dialogOf(api, alice, bob);
    const bobs = await upload(api, bob, Buffer.from("bob's notes"), "text/plain", "bob.txt");
    expectError(
      await api.post(
        `/v1/chats/${chat}/messages`,
        { text: "mine now", attachments: [bobs] },
        alice.accessToken,
      ),
      422,
      "invalid_attachment",
    );
    const unfinished = await presign(api, alice, {
      filename: "later.txt",
      content_type: "text/plain",
      size: 5,
    });
    expectError(
      await api.post(
        `/v1/chats/${chat}/messages`,
        { text: "", attachments: [unfinished.id] },
        alice.accessToken,
      ),
      422,
      "upload_not_finished",
    );
    const once = await upload(api, alice, Buffer.from("once"), "text/plain", "once.txt");
    expect(
      (await api.post(`/v1/chats/${chat}/messages`, { text: "", attachments: [once] }, alice.accessToken))
        .status,
    ).toBe(201);
    expectError(
      await api.post(`/v1/chats/${chat}/messages`, { text: "", attachments: [once] }, alice.accessToken),
      409,
      "attachment_in_use",
    );
    expectError(
      await api.post(`/v1/chats/${chat}/messages`, { text: " " }, alice.accessToken),
      422,
      "validation_failed",
    );
  });
}

/** api-contract.md's presign call to the letter: no size, with and without the /v1 prefix. */
export function contractUploadTests(getApi: () => Api) {
  it.each(["/attachments/presign", "/v1/attachments/presign"])(
    "POST %s with only {filename, content_type} → PUT → send → the exact bytes, size as received",
    async (presignPath) => {
      const api = getApi();
      const [alice, bob] = [await createAccount(api), await createAccount(api)];
      const chat = await dialogOf(api, alice, bob);
      const image = await png(120, 80);
      const res = await api.post(
        presignPath,
        { filename: "image.png", content_type: "image/png" },
        alice.accessToken,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ method: "PUT", expires_in: 600 });
      expect(res.body.url).toMatch(/^https?:\/\//);
      const put = await putBytes(res.body, image);
      expect(put.ok, await put.clone().text()).toBe(true);

      const sent = await api.post(
        `/v1/chats/${chat}/messages`,
        { text: "", attachments: [res.body.id] },
        alice.accessToken,
      );
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect(sent.body.attachments[0]).toMatchObject({
        id: res.body.id,
        filename: "image.png",
        content_type: "image/png",
        size: image.length,
        width: 120,
        height: 80,
      });
      const download = await fetchMedia(api, bob, `/v1/media/${res.body.id}/download`);
      expect(download.bytes.equals(image)).toBe(true);
    },
  );
}
