import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bus, redisBus } from "@/lib/realtime/bus.ts";
import type { BusEvent } from "@/lib/realtime/events.ts";
import { freePort } from "../support/free-port.ts";

function hasRedis(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// .ci/run installs redis-server and sets STU_REQUIRE_REDIS, so CI never skips this.
const available = hasRedis();
if (!available && process.env.STU_REQUIRE_REDIS)
  throw new Error("redis-server is required (apt-get install redis-server)");

describe.skipIf(!available)("Redis pub/sub bus (real redis-server)", () => {
  let redis: ChildProcess;
  let url: string;
  const buses: Bus[] = [];

  beforeAll(async () => {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    redis = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: "ignore",
      },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = redisBus(url);
      const ok = await new Promise((r) => setTimeout(r, 100)).then(() => probe.healthy());
      await probe.close();
      if (ok) break;
      if (Date.now() > deadline) throw new Error("redis-server did not start");
    }
  });

  afterAll(async () => {
    for (const bus of buses) await bus.close();
    redis?.kill("SIGTERM");
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
