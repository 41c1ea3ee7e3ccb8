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
});
