import { describe, expect, it } from "vitest";
import { Api, baseUrl, createAccount } from "../support/api.ts";
import { closeCodeOf, maskedTextFrame, rawConnect, upgradeRequest } from "../support/raw-http.ts";

describe("frames sent before the socket is authenticated are bounded", () => {
  it("a flood in the same packets as the upgrade closes with 1008 instead of piling up", async () => {
    const alice = await createAccount(new Api());
    const socket = await rawConnect(baseUrl());
    const received: Buffer[] = [];
    socket.on("data", (chunk) => received.push(chunk));
    // All of it arrives before the token check (a database round trip) can finish.
    const frames = Array.from({ length: 500 }, () => maskedTextFrame('{"type":"ping"}'));
    socket.write(Buffer.concat([upgradeRequest(baseUrl(), alice.accessToken), ...frames]));
    // The server sends its close frame at once (it then waits for ours, which this client never sends).
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && closeCodeOf(Buffer.concat(received)) === null)
      await new Promise((r) => setTimeout(r, 50));
    const data = Buffer.concat(received);
    socket.destroy();
    const text = data.toString("latin1");
    expect(text).toMatch(/^HTTP\/1\.1 101/);
    expect(closeCodeOf(data)).toBe(1008);
    expect(text).toContain("too_many_frames_before_auth");
    expect(text).not.toContain('"pong"');
  });

  it("a few early frames are kept and answered after the hello", async () => {
    const alice = await createAccount(new Api());
    const socket = await rawConnect(baseUrl());
    const data: Buffer[] = [];
    socket.on("data", (chunk) => data.push(chunk));
    socket.write(
      Buffer.concat([
        upgradeRequest(baseUrl(), alice.accessToken),
        ...Array.from({ length: 3 }, () => maskedTextFrame('{"type":"ping"}')),
      ]),
    );
    const deadline = Date.now() + 5_000;
    while (
      Date.now() < deadline &&
      (Buffer.concat(data)
        .toString()
        .match(/"pong"/g)?.length ?? 0) < 3
    )
      await new Promise((r) => setTimeout(r, 50));
    const text = Buffer.concat(data).toString();
    expect(text.match(/"pong"/g)?.length).toBe(3);
    expect(text.indexOf('"hello"')).toBeLessThan(text.indexOf('"pong"'));
    socket.destroy();
  });
});
