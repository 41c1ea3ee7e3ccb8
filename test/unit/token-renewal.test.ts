import { describe, expect, it } from "vitest";
import { renewalDelay } from "@/lib/client/socket.ts";

describe("renewalDelay", () => {
  it("renews at 80% of the lifetime or 60 s before expiry, whichever is earlier", () => {
    expect(renewalDelay(15 * 60_000)).toBe(12 * 60_000); // 80%: 12 min, before 14 min
    expect(renewalDelay(4 * 60_000)).toBe(3 * 60_000); // 60 s before: 3 min, before 3.2 min
    expect(renewalDelay(2 * 60_000)).toBe(60_000);
  });

  it("waits a little even for very short tokens, so renewals cannot loop", () => {
    expect(renewalDelay(61_000)).toBe(5_000);
    expect(renewalDelay(4_000)).toBe(2_000);
    expect(renewalDelay(0)).toBe(0);
    expect(renewalDelay(-5_000)).toBe(0);
  });
});
