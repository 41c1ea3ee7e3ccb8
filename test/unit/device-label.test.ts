import { describe, expect, it } from "vitest";
import { deviceLabel, isMobileDevice } from "@/lib/client/device-label.ts";
import { lastSeen, relativeTime } from "@/lib/client/relative-time.ts";

const UA = {
  chromeLinux:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
  firefoxMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:131.0) Gecko/20100101 Firefox/131.0",
  chromeAndroid:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36",
};

describe("deviceLabel", () => {
  it("names the browser and the system, not the engines they pretend to be", () => {
    expect(deviceLabel(UA.chromeLinux, "web")).toBe("Chrome on Linux");
    expect(deviceLabel(UA.edgeWindows, "web")).toBe("Edge on Windows");
    expect(deviceLabel(UA.safariIphone, "web")).toBe("Safari on iOS");
    expect(deviceLabel(UA.firefoxMac, "web")).toBe("Firefox on macOS");
    expect(deviceLabel(UA.chromeAndroid, "web")).toBe("Chrome on Android");
  });

  it("falls back to the client's product name or platform", () => {
    expect(deviceLabel("curl/8.5.0", "cli")).toBe("curl");
    expect(deviceLabel("", "ios")).toBe("ios");
    expect(deviceLabel("", "")).toBe("Unknown device");
  });

  it("tells phones from computers", () => {
    expect(isMobileDevice(UA.safariIphone)).toBe(true);
    expect(isMobileDevice(UA.chromeAndroid)).toBe(true);
    expect(isMobileDevice(UA.chromeLinux)).toBe(false);
  });
});

describe("relativeTime", () => {
  const now = Date.parse("2026-01-10T12:00:00Z");
  it("says how long ago, in the largest fitting unit", () => {
    expect(relativeTime("2026-01-10T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2026-01-10T11:55:00Z", now)).toBe("5 minutes ago");
    expect(relativeTime("2026-01-10T09:00:00Z", now)).toBe("3 hours ago");
    expect(relativeTime("2026-01-09T12:00:00Z", now)).toBe("yesterday");
  });
});

describe("lastSeen", () => {
  const now = Date.parse("2026-01-10T12:00:00Z");
  it("says when someone was last online with the same helper", () => {
    expect(lastSeen(null, now)).toBe("last seen a long time ago");
    expect(lastSeen("2026-01-10T11:59:50Z", now)).toBe("last seen just now");
    expect(lastSeen("2026-01-10T11:55:00Z", now)).toBe("last seen 5 minutes ago");
    expect(lastSeen("2026-01-08T12:00:00Z", now)).toBe("last seen 2 days ago");
    expect(lastSeen("2026-01-10T12:01:00Z", now)).toBe("last seen just now");
  });
});
