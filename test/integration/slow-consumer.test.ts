import { describe, expect, it } from "vitest";
import { Api, baseUrl, createAccount } from "../support/api.ts";
import { TestSocket } from "../support/socket.ts";

describe("a reader that stops reading is dropped, not buffered", () => {
  it("the server disconnects a socket whose unsent frames pile up", async () => {
    const api = new Api();
    const slow = await createAccount(api);
    const watcher = await createAccount(api);
    const sender = await createAccount(api);
    const group = await api.post(
      "/v1/chats",
      { type: "group", title: "Firehose", members: [slow.userId, watcher.userId] },
      sender.accessToken,
    );
    const w = await TestSocket.connect(baseUrl(), watcher.accessToken);
    const s = await TestSocket.connect(baseUrl(), slow.accessToken);
    await w.next("online_status", (f) => f.user_id === slow.userId && f.online);
    // Stop reading at the TCP level: the kernel buffers fill, then the server's send buffer grows.
    const tcp = (s.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();

    const text = "€".repeat(4096); // ~12 KB per frame
    let sent = 0;
    const dropped = w.next("online_status", (f) => f.user_id === slow.userId && !f.online, 60_000);
    let done = false;
    void dropped.then(() => {
      done = true;
    });
    const deadline = Date.now() + 50_000;
    while (!done && Date.now() < deadline && sent < 4000) {
      await Promise.all(
        Array.from({ length: 8 }, () =>
          api.post(`/v1/chats/${group.body.id}/messages`, { text }, sender.accessToken),
        ),
      );
      sent += 8;
    }
    const offline = await dropped;
    expect(offline.online).toBe(false);
    // Far less than everything sent reached the slow socket before it was cut (the rest was never buffered).
    expect(sent).toBeGreaterThan(90);
    tcp.resume();
    const closed = await s.closed;
    expect(closed.code).not.toBe(1000);
    expect(s.all("new_message").length).toBeLessThan(sent);
    await w.close();
  }, 70_000);
});
