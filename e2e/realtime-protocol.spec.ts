import type { Page } from "@playwright/test";
import { BASE_URL } from "./env.ts";
import { expect, test } from "./fixtures.ts";
import { signInAs, signInToDialog } from "./people.ts";

/** The socket's route pattern (`/ws?token=…`); page.routeWebSocket sits between the page and the server. */
const SOCKET = /\/ws\?/;

async function userId(page: Page, username: string): Promise<number> {
  const found: Array<{ id: number; username: string }> = await page.evaluate(
    (q) => fetch(`/v1/users?query=${encodeURIComponent(q)}`).then((r) => r.json()),
    username,
  );
  return found.find((u) => u.username === username)!.id;
}

test("presence that changes between loading the chat list and the socket subscribing is not lost", async ({
  browser,
  seedUser,
}) => {
  test.setTimeout(90_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  await alice.app.send("Still there?");
  const bob = await signInAs(browser, b);
  await expect(alice.app.conversationStatus).toHaveText("online");
  const bobId = await userId(alice.page, b.username);

  // Alice reloads; her new socket is held back until Bob has gone, so his going offline happens
  // after her chat list was loaded (saying "online") and before her socket hears anything.
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await alice.page.routeWebSocket(SOCKET, async (ws) => {
    await held;
    ws.connectToServer();
  });
  await alice.page.reload();
  await expect(alice.app.conversationStatus).toHaveText("online");
  await bob.context.close();
  await expect
    .poll(
      () =>
        alice.page
          .evaluate((id) => fetch(`/v1/users/${id}`).then((r) => r.json()), bobId)
          .then((u) => u.online),
      { timeout: 30_000 },
    )
    .toBe(false);
  release();
  await alice.app.expectOnline();
  await expect(alice.app.conversationStatus).toHaveText(/last seen/);
  await alice.context.close();
});

test("resync: what the server could not deliver live is fetched again, and shown once", async ({
  browser,
  seedUser,
}) => {
  test.setTimeout(90_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  await alice.app.send("First one");
  const bob = await signInAs(browser, b);

  // Bob's socket loses every new_message while `dropping` (as when the server's buffer overflowed).
  let dropping = false;
  const dropped: string[] = [];
  let toBob!: (frame: string) => void;
  await bob.page.routeWebSocket(SOCKET, (ws) => {
    const server = ws.connectToServer();
    toBob = (frame) => ws.send(frame);
    server.onMessage((message) => {
      const text = String(message);
      if (dropping && text.includes('"type":"new_message"')) dropped.push(text);
      else ws.send(text);
    });
  });
  await bob.page.reload();
  await bob.app.expectOnline();
  await bob.app.openChat(a.displayName);
  await expect(bob.app.message("First one")).toBeVisible();

  dropping = true;
  await alice.app.send("Lost on the way");
  await expect.poll(() => dropped.length).toBeGreaterThan(0);
  await expect(bob.app.message("Lost on the way")).toHaveCount(0);
  dropping = false;

  toBob(JSON.stringify({ type: "resync", reason: "buffer_overflow" }));
  await expect(bob.app.message("Lost on the way")).toHaveCount(1);
  await expect(bob.app.chatRow(a.displayName).getByTestId("chat-row-preview")).toHaveText("Lost on the way");
  // The live event arriving late after all changes nothing: messages are keyed by id.
  for (const frame of dropped) toBob(frame);
  await expect(bob.app.message("First one")).toHaveCount(1);
  await expect(bob.app.message("Lost on the way")).toHaveCount(1);
  await expect(alice.app.statusOf("Lost on the way")).toHaveAttribute("data-status", "read");
  for (const p of [alice, bob]) await p.context.close();
});

test("token renewal: fresh tokens go over the open socket before expiry, never by reconnecting", async ({
  browser,
  seedUser,
  request,
}) => {
  test.setTimeout(90_000);
  const alice = await signInAs(browser, await seedUser());
  const soon = () => new Date(Date.now() + 4_000).toISOString();
  let connections = 0;
  const tokens: string[] = [];
  let closeSocket!: () => void;

  // Stands in for the server's side of renewal: hello and auth_ok carry a 4-second expiry, the third
  // renewal is refused, and the socket is then closed with 4401 as the server does at expiry.
  await alice.page.routeWebSocket(SOCKET, (ws) => {
    connections += 1;
    const server = ws.connectToServer();
    closeSocket = () => ws.close({ code: 4401, reason: "token_expired" });
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message));
      if (frame.type !== "auth") return server.send(message);
      tokens.push(frame.token);
      ws.send(
        JSON.stringify(
          tokens.length < 3
            ? { type: "auth_ok", token_expires_at: soon() }
            : { type: "error", code: "invalid_token", message: "The token is not valid." },
        ),
      );
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message));
      if (frame.type === "hello") frame.token_expires_at = soon();
      ws.send(JSON.stringify(frame));
    });
  });
  await alice.page.reload();
  await alice.app.expectOnline();

  await expect.poll(() => tokens.length, { timeout: 30_000 }).toBe(3);
  for (const token of tokens) {
    const me = await request.get(`${BASE_URL}/v1/users/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(me.status()).toBe(200);
  }
  // Refused: no more renewals and no reconnect of its own; the socket stays up until the server ends it.
  await alice.page.waitForTimeout(3_000);
  expect(tokens).toHaveLength(3);
  expect(connections).toBe(1);
  await alice.app.expectOnline();

  closeSocket();
  await expect.poll(() => connections, { timeout: 30_000 }).toBe(2);
  await alice.app.expectOnline();
  await alice.context.close();
});
