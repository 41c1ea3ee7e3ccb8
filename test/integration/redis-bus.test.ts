import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bus, redisBus } from "@/lib/realtime/bus.ts";
import type { BusEvent } from "@/lib/realtime/events.ts";
import { freePort } from "../support/free-port.ts";
import { type RedisServer, redisAvailable, startRedisServer } from "../support/redis-server.ts";

// Skipped without redis-server, unless STU_REQUIRE_REDIS is set (then it throws): .ci/run installs
// redis-server and sets STU_REQUIRE_REDIS, so CI never skips this.
const available = redisAvailable();

describe.skipIf(!available)("Redis pub/sub bus (real redis-server)", () => {
  let redis: RedisServer | undefined;
  let url: string;
  const buses: Bus[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    url = redis.url;
  });

  afterAll(async () => {
    for (const bus of buses) await bus.close();
    await redis?.stop();
  });

  it("delivers an event published on one instance to subscribers on another", async () => {
    const a = redisBus(url);
    const b = redisBus(url);
    buses.push(a, b);
    await new Promise((r) => setTimeout(r, 200)); // let both subscriptions settle
    expect(await a.healthy()).toBe(true);

    const received: BusEvent[] = [];
    const unsubscribe = b.subscribe((event) => received.push(event));
    const event: BusEvent = { type: "sessions_revoked", deviceIds: [7, 8] };
    await a.publish(event);
    const deadline = Date.now() + 5000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual([event]);

    unsubscribe();
    await a.publish({ type: "sessions_revoked", deviceIds: [9] });
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toHaveLength(1);
  });

  it("reports unhealthy when Redis is unreachable", async () => {
    const dead = redisBus(`redis://127.0.0.1:${await freePort()}`);
    buses.push(dead);
    expect(await dead.healthy()).toBe(false);
  });

  it("hands an event to its own subscribers at once, even while Redis is unreachable", async () => {
    const dead = redisBus(`redis://127.0.0.1:${await freePort()}`);
    buses.push(dead);
    const received: BusEvent[] = [];
    dead.subscribe((event) => received.push(event));
    const event: BusEvent = { type: "sessions_revoked", deviceIds: [1] };
    const started = Date.now();
    await dead.publish(event);
    expect(received).toEqual([event]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("keeps the outbox in order and, when it overflowed, tells the other instances to resync", async () => {
    const a = redisBus(url, { outboxCapacity: 5 });
    const b = redisBus(url);
    buses.push(a, b);
    await waitFor(async () => (await a.healthy()) && (await b.healthy()));
    const received: BusEvent[] = [];
    b.subscribe((event) => received.push(event));
    // Published in one go: the first is in flight while the next ones wait, and the outbox holds
    // five, so events 6 to 20 are dropped.
    for (let i = 1; i <= 20; i++) a.publish({ type: "sessions_revoked", deviceIds: [i] });
    await waitFor(() => received.some((e) => e.type === "resync"));
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toEqual([
      ...[1, 2, 3, 4, 5].map((i) => ({ type: "sessions_revoked", deviceIds: [i] })),
      { type: "resync", reason: "events_dropped" },
    ]);
  });

  it("tells its own subscribers to resync once a lost subscription is back", async () => {
    const bus = redisBus(url);
    buses.push(bus);
    await waitFor(() => bus.healthy());
    const received: BusEvent[] = [];
    bus.subscribe((event) => received.push(event));
    // Drop every pub/sub connection, as a network blip or a Redis failover would.
    const admin = new Redis(url);
    try {
      await admin.call("CLIENT", "KILL", "TYPE", "pubsub");
    } finally {
      admin.disconnect();
    }
    await waitFor(() => received.length > 0);
    expect(received).toEqual([{ type: "resync", reason: "pubsub_reconnected" }]);
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
