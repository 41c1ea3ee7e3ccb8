import { beforeEach, describe, expect, it } from "vitest";
import { Api, baseUrl, createAccount, expectError, uniqueEmail, uniqueUsername } from "../support/api.ts";
import { TestSocket } from "../support/socket.ts";

// U+0000 cannot be stored by PostgreSQL; a lone surrogate would silently become U+FFFD.
const BAD = { nul: "a\u0000b", surrogate: "a\ud800b" };

describe("malformed text is refused with 422 invalid_text everywhere text enters, and nothing is stored", () => {
  // Sign-ups are limited per IP: each test comes from its own address.
  let api = new Api();
  beforeEach(() => {
    api = new Api();
  });

  for (const [kind, bad] of Object.entries(BAD)) {
    it(`REST bodies and queries refuse ${kind}`, async () => {
      const alice = await createAccount(api);
      const bob = await createAccount(api);
      const token = alice.accessToken;
      const group = (
        await api.post("/v1/chats", { type: "group", title: "ok", members: [bob.userId] }, token)
      ).body.id as number;
      const sent = await api.post(`/v1/chats/${group}/messages`, { text: "fine" }, token);
      expect(sent.status).toBe(201);
      const password = "a long enough password";

      const cases: Array<[string, string, unknown]> = [
        [
          "POST",
          "/v1/auth/register",
          { email: uniqueEmail(), password, username: uniqueUsername(), display_name: bad },
        ],
        ["POST", "/v1/auth/register", { email: uniqueEmail(), password: `${bad}${password}` }],
        ["POST", "/v1/auth/register", { email: `${bad}@example.org`, password }],
        ["POST", "/v1/auth/login", { email: alice.email, password, device_name: bad }],
        ["POST", "/v1/auth/login", { email: alice.email, password, platform: bad }],
        ["POST", "/v1/auth/login", { email: alice.email, password: bad }],
        ["POST", "/v1/auth/verify", { email: alice.email, code: `12345${bad}` }],
        ["POST", "/v1/auth/refresh", { refresh_token: `${alice.refreshToken}${bad}` }],
        ["PATCH", "/v1/users/me", { display_name: bad }],
        ["PATCH", "/v1/users/me", { username: `user${bad}` }],
        ["POST", "/v1/chats", { type: "group", title: bad, members: [bob.userId] }],
        ["PATCH", `/v1/chats/${group}`, { title: bad }],
        ["POST", `/v1/chats/${group}/messages`, { text: bad }],
        ["POST", `/v1/chats/${group}/messages`, { text: "fine", temp_id: bad }],
        ["POST", `/dialogs/${group}/messages`, { text: bad }],
        ["PATCH", `/v1/chats/${group}/messages/${sent.body.id}`, { text: bad }],
        ["POST", "/v1/attachments/presign", { filename: `${bad}.png`, content_type: "image/png", size: 10 }],
        ["POST", "/attachments/presign", { filename: "x.png", content_type: `image/png${bad}`, size: 10 }],
      ];
      for (const [method, path, body] of cases) {
        const res = await api.request(method, path, { body, token });
        expect([method, path, JSON.stringify(body), res.status, res.body?.error?.code]).toEqual([
          method,
          path,
          JSON.stringify(body),
          422,
          "invalid_text",
        ]);
      }
      if (kind === "nul") {
        expectError(await api.get(`/v1/users?query=${encodeURIComponent(bad)}`, token), 422, "invalid_text");
      }

      const me = await api.get("/v1/users/me", token);
      expect(me.body.display_name).not.toContain("\u0000");
      expect(me.body.display_name).not.toContain("\ufffd");
      const history = await api.get(`/v1/chats/${group}/messages`, token);
      expect(history.body.map((m: { text: string }) => m.text)).toEqual(["fine"]);
      expect((await api.get(`/v1/chats/${group}`, token)).body.title).toBe("ok");
    });

    it(`socket frames refuse ${kind} with an error frame and keep the connection`, async () => {
      const alice = await createAccount(api);
      const bob = await createAccount(api);
      const dialog = (await api.post("/v1/dialogs", { user_id: bob.userId }, alice.accessToken)).body
        .id as number;
      const socket = await TestSocket.connect(baseUrl(), alice.accessToken);
      const frames = [
        { type: "send_message", temp_id: "t-1", conversation_id: dialog, text: bad, attachments: [] },
        { type: "send_message", temp_id: `t${bad}`, conversation_id: dialog, text: "fine", attachments: [] },
        { type: "call_signal", conversation_id: dialog, call_id: bad, signal: { kind: "hangup" } },
      ];
      for (const frame of frames) {
        socket.frames.length = 0;
        socket.send(frame);
        const error = await socket.next("error");
        expect(error.code).toBe("invalid_text");
      }
      socket.send({
        type: "send_message",
        temp_id: "t-2",
        conversation_id: dialog,
        text: "fine",
        attachments: [],
      });
      const ack = await socket.next("message_sent");
      socket.send({ type: "edit_message", message_id: ack.message.id, text: bad });
      expect((await socket.next("error")).code).toBe("invalid_text");
      await socket.close();
      const history = await api.get(`/v1/chats/${dialog}/messages`, alice.accessToken);
      expect(history.body.map((m: { text: string }) => m.text)).toEqual(["fine"]);
    });
  }

  it("a body that is not UTF-8 is refused, not decoded with replacement characters", async () => {
    const alice = await createAccount(api);
    const bob = await createAccount(api);
    const dialog = (await api.post("/v1/dialogs", { user_id: bob.userId }, alice.accessToken)).body
      .id as number;
    // A surrogate encoded as UTF-8 bytes (CESU-8), which strict UTF-8 forbids.
    const body = Buffer.concat([
      Buffer.from('{"text":"a'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('b"}'),
    ]);
    const res = await fetch(`${baseUrl()}/v1/chats/${dialog}/messages`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${alice.accessToken}`,
        "content-type": "application/json",
        "x-forwarded-for": api.ip,
      },
      body,
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("invalid_text");
    expect((await api.get(`/v1/chats/${dialog}/messages`, alice.accessToken)).body).toEqual([]);
  });

  it("a socket text frame that is not UTF-8 closes with 1007", async () => {
    const alice = await createAccount(api);
    const socket = await TestSocket.connect(baseUrl(), alice.accessToken);
    socket.ws.send(Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x7d]), { binary: false });
    expect((await socket.closed).code).toBe(1007);
  });
});
