import { expect } from "@playwright/test";
import { turnServerAvailable } from "../test/support/turn-server.ts";
import { apiAs } from "./api-client.ts";
import { E2E_TURN_URL } from "./env.ts";
import { test } from "./fixtures.ts";
import { type E2ETurn, startTurn } from "./turn.ts";

type IceConfig = {
  ice_servers: { urls: string[]; username?: string; credential?: string }[];
  ice_transport_policy: "all" | "relay";
};

// Like the Redis tests: skipped where coturn is not installed, never in CI (STU_REQUIRE_TURN throws).
test.skip(!turnServerAvailable(), "needs coturn: apt-get install coturn");

let turn: E2ETurn;
test.beforeAll(async () => {
  turn = await startTurn();
});
test.afterAll(async () => {
  await turn?.stop();
});

// The infrastructure under the call tests: the e2e app mints credentials that the e2e coturn accepts,
// and Chromium, allowed nothing but relayed candidates, connects two peers through it.
test("Chromium connects through the e2e coturn with credentials from /v1/calls/config", async ({
  page,
  request,
  seedUser,
}) => {
  const alice = await apiAs(request, await seedUser());
  const config = await alice.get<IceConfig>("/v1/calls/config");
  expect(config.ice_servers).toEqual([
    { urls: [E2E_TURN_URL], username: expect.stringMatching(/^\d+:\d+$/), credential: expect.any(String) },
  ]);
  const before = { allocations: turn.allocations(), permissions: turn.permissions() };

  await page.goto("/signin");
  const result = await page.evaluate(async (iceServers) => {
    const options: RTCConfiguration = { iceServers, iceTransportPolicy: "relay" };
    const a = new RTCPeerConnection(options);
    const b = new RTCPeerConnection(options);
    a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
    const received = new Promise<string>((resolve) => {
      b.ondatachannel = (e) => {
        e.channel.onmessage = (m) => resolve(String(m.data));
      };
    });
    const channel = a.createDataChannel("probe");
    channel.onopen = () => channel.send("through the relay");
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription!);
    const text = await Promise.race([
      received,
      new Promise<string>((_, reject) =>
        setTimeout(() => reject(new Error(`no message: ${a.connectionState}`)), 15_000),
      ),
    ]);
    const stats = [...(await a.getStats()).values()];
    const pair = stats.find((s) => s.type === "candidate-pair" && s.nominated && s.state === "succeeded");
    const local = stats.find((s) => s.id === pair?.localCandidateId);
    const remote = stats.find((s) => s.id === pair?.remoteCandidateId);
    const state = a.connectionState;
    a.close();
    b.close();
    return { text, state, local: local?.candidateType, remote: remote?.candidateType };
  }, config.ice_servers);

  expect(result).toEqual({ text: "through the relay", state: "connected", local: "relay", remote: "relay" });
  // coturn saw it: an allocation for each peer and a permission towards the other's relay address.
  await expect.poll(() => turn.allocations()).toBeGreaterThanOrEqual(before.allocations + 2);
  await expect.poll(() => turn.permissions()).toBeGreaterThan(before.permissions);
});
