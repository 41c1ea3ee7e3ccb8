import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/config/config-error.ts";
import { parseDurationSeconds } from "@/lib/config/duration.ts";
import { parseConfig } from "@/lib/config/env.ts";

describe("durations", () => {
  it.each([
    ["900", 900],
    ["45s", 45],
    ["15m", 900],
    ["12h", 43200],
    ["30d", 2592000],
  ])("%s is %d seconds", (raw, seconds) => expect(parseDurationSeconds(raw)).toBe(seconds));

  it.each(["", "0", "-5", "15x", "1.5h", "m"])("%j is malformed", (raw) =>
    expect(parseDurationSeconds(raw)).toBeNull(),
  );
});

describe("configuration", () => {
  it("development defaults need nothing and keep a generated AUTH_SECRET in the data directory", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-config-"));
    const config = parseConfig({ NODE_ENV: "development", STU_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      appUrl: "http://localhost:3000",
      accessTokenTtl: 900,
      refreshTokenTtl: 2592000,
      isProduction: false,
    });
    expect(config.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim()).toBe(config.authSecret);
    expect(parseConfig({ NODE_ENV: "development", STU_DATA_DIR: dataDir }).authSecret).toBe(
      config.authSecret,
    );
  });

  it("parses lists, TTLs and origins", () => {
    const config = parseConfig({
      NODE_ENV: "production",
      APP_URL: "https://chat.example.org/",
      AUTH_SECRET: "s".repeat(32),
      SMTP_URL: "smtp://mail:25",
      ALLOWED_ORIGINS: "https://app.example.org, https://other.example.org/path",
      ADMIN_EMAILS: "Root@Example.org, ops@example.org",
      ACCESS_TOKEN_TTL: "5m",
      REFRESH_TOKEN_TTL: "7d",
      TRUST_PROXY: "true",
    });
    expect(config.appUrl).toBe("https://chat.example.org");
    expect(config.allowedOrigins).toEqual([
      "https://chat.example.org",
      "https://app.example.org",
      "https://other.example.org",
    ]);
    expect(config.adminEmails).toEqual(["root@example.org", "ops@example.org"]);
    expect([config.accessTokenTtl, config.refreshTokenTtl, config.trustProxy]).toEqual([300, 604800, true]);
    expect(config.mailFrom).toBe("stu <no-reply@chat.example.org>");
  });

  it("throws a ConfigError naming the setting", () => {
    expect(() =>
      parseConfig({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(32), SMTP_URL: "smtp://m" }),
    ).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: "development", REDIS_URL: "http://x" })).toThrow(
      /^Invalid setting REDIS_URL/,
    );
    expect(() => parseConfig({ NODE_ENV: "development", TRUST_PROXY: "maybe" })).toThrow(
      /^Invalid setting TRUST_PROXY/,
    );
  });
});
