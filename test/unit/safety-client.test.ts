import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/client/api.ts";
import { endedSession } from "@/lib/client/socket.ts";

const error = (status: number, code: string) => new ApiError(status, { code, message: code });

describe("endedSession", () => {
  it("tells a ban (403 user_banned) from an ordinary end of the session (401)", () => {
    expect(endedSession(error(403, "user_banned"))).toBe("banned");
    expect(endedSession(error(401, "session_revoked"))).toBe("signed_out");
    expect(endedSession(error(401, "user_banned"))).toBe("banned");
  });

  it("keeps the session through outages and other refusals: the socket retries", () => {
    expect(endedSession(error(503, "service_unavailable"))).toBeNull();
    expect(endedSession(error(0, "network_error"))).toBeNull();
    expect(endedSession(error(403, "email_not_verified"))).toBeNull();
    expect(endedSession(new Error("boom"))).toBeNull();
  });
});

// Loaded after the time zone is set: its formatters take the zone when they are made.
process.env.TZ = "America/Los_Angeles";
const { formatBytes, formatDay, formatLongDay } = await import("@/lib/client/admin-format.ts");

describe("the console's formats", () => {
  it("shows a stats day as that UTC calendar day, even west of Greenwich", () => {
    // Midnight UTC is still the day before in Los Angeles: read as local time it would say 28 Feb.
    expect(new Date("2025-03-01T00:00:00Z").getDate()).toBe(28);
    expect(formatDay("2025-03-01")).toMatch(/^(1 Mar|Mar 1)$/);
    expect(formatLongDay("2026-01-01")).toMatch(/2026/);
    expect(formatLongDay("2026-01-01")).toMatch(/January 1|1 January/);
  });

  it("sizes in binary units with one decimal below 10", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(50 * 1024 * 1024)).toBe("50 MB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.0 GB");
  });
});
