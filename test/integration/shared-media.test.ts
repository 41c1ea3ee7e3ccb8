import { describe, expect, it } from "vitest";
import { type Account, Api, createAccount, expectError } from "../support/api.ts";
import { dialogOf, png, upload } from "../support/media.ts";

const api = new Api();

async function sendWith(who: Account, chat: number, bytes: Uint8Array, type: string, filename: string) {
  const id = await upload(api, who, bytes, type, filename);
  const res = await api.post(`/v1/chats/${chat}/messages`, { text: "", attachments: [id] }, who.accessToken);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { attachmentId: id, messageId: res.body.id as number };
}

const shared = (who: Account, chat: number, query = "") =>
  api.get(`/v1/chats/${chat}/media${query}`, who.accessToken);

describe("a chat's shared media and files (GET /v1/chats/{id}/media)", () => {
  it("lists photos and videos apart from files, newest first, paged, without deleted messages", async () => {
    const [alice, bob] = [await createAccount(api), await createAccount(api)];
    const chat = await dialogOf(api, alice, bob);
    const first = await sendWith(alice, chat, await png(40, 30), "image/png", "first.png");
    const doc = await sendWith(
      bob,
      chat,
      new TextEncoder().encode("%PDF-1.4 x"),
      "application/pdf",
      "plan.pdf",
    );
    const second = await sendWith(bob, chat, await png(20, 20), "image/png", "second.png");
    const gone = await sendWith(alice, chat, await png(10, 10), "image/png", "gone.png");
    expect(
      (
        await api.request("DELETE", `/v1/chats/${chat}/messages/${gone.messageId}`, {
          token: alice.accessToken,
        })
      ).status,
    ).toBe(204);

    const media = await shared(bob, chat);
    expect(media.status).toBe(200);
    expect(media.body.items.map((i: { attachment: { filename: string } }) => i.attachment.filename)).toEqual([
      "second.png",
      "first.png",
    ]);
    expect(media.body.items[1]).toMatchObject({
      message_id: first.messageId,
      sender_id: alice.userId,
      attachment: { id: first.attachmentId, content_type: "image/png", width: 40, height: 30 },
    });
    expect(media.body.next_cursor).toBeNull();

    const files = await shared(alice, chat, "?kind=files");
    expect(files.body.items).toHaveLength(1);
    expect(files.body.items[0]).toMatchObject({
      message_id: doc.messageId,
      attachment: { filename: "plan.pdf" },
    });

    const one = await shared(alice, chat, "?limit=1");
    expect(one.body.items[0].attachment.id).toBe(second.attachmentId);
    const rest = await shared(alice, chat, `?limit=1&cursor=${one.body.next_cursor}`);
    expect(rest.body.items[0].attachment.id).toBe(first.attachmentId);
    expect(rest.body.next_cursor).toBeNull();
  });

  it("is for members only, leaves out people one blocked, and refuses bad input", async () => {
    const [alice, bob, outsider] = [
      await createAccount(api),
      await createAccount(api),
      await createAccount(api),
    ];
    const chat = await dialogOf(api, alice, bob);
    await sendWith(bob, chat, await png(12, 12), "image/png", "bob.png");
    expectError(await shared(outsider, chat), 404, "not_found");
    expectError(await shared(alice, chat, "?kind=links"), 422, "validation_failed");
    expectError(await shared(alice, chat, "?cursor=nonsense"), 422, "validation_failed");
    expectError(await shared(alice, chat, "?limit=500"), 422, "validation_failed");

    expect((await shared(alice, chat)).body.items).toHaveLength(1);
    await api.post(`/v1/users/${bob.userId}/block`, {}, alice.accessToken);
    expect((await shared(alice, chat)).body.items).toHaveLength(0);
    expect((await shared(bob, chat)).body.items).toHaveLength(1);
  });
});
