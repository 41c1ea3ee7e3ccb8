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

  it("limits messages to 20 per second per user with a burst of 40 unless MESSAGE_RATE_* say otherwise", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-config-rate-"));
    const base = { NODE_ENV: "development", STU_DATA_DIR: dataDir, AUTH_SECRET: "s".repeat(32) } as const;
    expect(parseConfig(base).messageRate).toEqual({ perSecond: 20, burst: 40 });
    expect(parseConfig({ ...base, MESSAGE_RATE_LIMIT: "5", MESSAGE_RATE_BURST: "0" }).messageRate).toEqual({
      perSecond: 5,
      burst: 0,
    });
    for (const bad of ["0", "-1", "2.5", "lots"])
      expect(() => parseConfig({ ...base, MESSAGE_RATE_LIMIT: bad })).toThrow(
        /^Invalid setting MESSAGE_RATE_LIMIT/,
      );
    expect(() => parseConfig({ ...base, MESSAGE_RATE_BURST: "-3" })).toThrow(
      /^Invalid setting MESSAGE_RATE_BURST/,
    );
  });

  it("closes reports on an allow verdict under 0.2 and allows 10 reports per 10 minutes unless told otherwise", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-config-moderation-"));
    const base = { NODE_ENV: "development", STU_DATA_DIR: dataDir, AUTH_SECRET: "s".repeat(32) } as const;
    expect(parseConfig(base).moderation).toMatchObject({ allowThreshold: 0.2, reportRateLimit: 10 });
    expect(
      parseConfig({ ...base, MODERATION_ALLOW_THRESHOLD: "0", REPORT_RATE_LIMIT: "3" }).moderation,
    ).toMatchObject({ allowThreshold: 0, reportRateLimit: 3 });
    for (const bad of ["1.5", "-0.1", "low"])
      expect(() => parseConfig({ ...base, MODERATION_ALLOW_THRESHOLD: bad })).toThrow(
        /^Invalid setting MODERATION_ALLOW_THRESHOLD/,
      );
    expect(() => parseConfig({ ...base, REPORT_RATE_LIMIT: "0" })).toThrow(
      /^Invalid setting REPORT_RATE_LIMIT/,
    );
  });
});

describe("database timeouts", () => {
  const env = { NODE_ENV: "development", AUTH_SECRET: "s".repeat(32) } as const;

  it("bound every wait on PostgreSQL by default and take durations", () => {
    expect(parseConfig({ ...env }).databaseTimeouts).toEqual({
      connectMs: 5000,
      statementMs: 10000,
      queryMs: 15000,
    });
    const custom = parseConfig({
      ...env,
      DATABASE_CONNECT_TIMEOUT: "2",
      DATABASE_STATEMENT_TIMEOUT: "1m",
      DATABASE_QUERY_TIMEOUT: "90s",
    });
    expect(custom.databaseTimeouts).toEqual({ connectMs: 2000, statementMs: 60000, queryMs: 90000 });
  });

  it.each(["DATABASE_CONNECT_TIMEOUT", "DATABASE_STATEMENT_TIMEOUT", "DATABASE_QUERY_TIMEOUT"])(
    "a malformed %s is refused by name",
    (name) =>
      expect(() => parseConfig({ ...env, [name]: "0" })).toThrow(new RegExp(`^Invalid setting ${name}`)),
  );
});

describe("media configuration", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-config-media-"));
  const dev = (env: Record<string, string> = {}) =>
    parseConfig({ NODE_ENV: "development", STU_DATA_DIR: dataDir, AUTH_SECRET: "s".repeat(32), ...env });
  const s3 = {
    S3_BUCKET: "b",
    S3_REGION: "eu-central-1",
    S3_ACCESS_KEY_ID: "id",
    S3_SECRET_ACCESS_KEY: "secret",
  };
  const utToken = Buffer.from(JSON.stringify({ apiKey: "sk_x", appId: "app", regions: ["sea1"] })).toString(
    "base64",
  );

  it("defaults to local storage under the data directory, 25 MB and a list of common types", () => {
    const { media } = dev();
    expect(media).toMatchObject({
      driver: "local",
      maxUploadBytes: 25 * 1024 * 1024,
      s3: undefined,
      uploadRetention: 24 * 3600,
    });
    expect(media.uploadsDir).toBe(path.join(dataDir, "uploads"));
    expect(media.allowedTypes).toEqual(expect.arrayContaining(["image/png", "video/mp4", "application/pdf"]));
    expect(media.allowedTypes).not.toContain("application/x-msdownload");
  });

  it("picks S3 when S3_* is complete, UploadThing with a token, or what STORAGE_DRIVER says", () => {
    expect(dev(s3).media).toMatchObject({ driver: "s3", s3: { bucket: "b", forcePathStyle: false } });
    expect(dev({ ...s3, S3_ENDPOINT: "http://minio:9000" }).media.s3?.forcePathStyle).toBe(true);
    expect(dev({ UPLOADTHING_TOKEN: utToken }).media.driver).toBe("uploadthing");
    expect(dev({ ...s3, STORAGE_DRIVER: "local" }).media.driver).toBe("local");
    expect(
      dev({ MAX_UPLOAD_BYTES: "1000", UPLOAD_ALLOWED_TYPES: "Image/PNG, text/plain" }).media,
    ).toMatchObject({
      maxUploadBytes: 1000,
      allowedTypes: ["image/png", "text/plain"],
    });
    expect(dev({ UPLOAD_RETENTION: "7d" }).media.uploadRetention).toBe(7 * 86400);
    expect(dev({ UPLOAD_RETENTION: "10m" }).media.uploadRetention).toBe(600);
  });

  it.each([
    [{ S3_BUCKET: "b" }, /^Missing setting S3_REGION/],
    [{ ...s3, S3_ENDPOINT: "minio:9000" }, /^Invalid setting S3_ENDPOINT/],
    [{ STORAGE_DRIVER: "s3" }, /^Missing setting S3_BUCKET/],
    [{ STORAGE_DRIVER: "ftp" }, /^Invalid setting STORAGE_DRIVER/],
    [{ STORAGE_DRIVER: "uploadthing" }, /^Missing setting UPLOADTHING_TOKEN/],
    [{ UPLOADTHING_TOKEN: "not-a-token" }, /^Invalid setting UPLOADTHING_TOKEN/],
    [{ MAX_UPLOAD_BYTES: "25MB" }, /^Invalid setting MAX_UPLOAD_BYTES/],
    [{ MAX_UPLOAD_BYTES: "0" }, /^Invalid setting MAX_UPLOAD_BYTES/],
    [{ UPLOAD_ALLOWED_TYPES: "png" }, /^Invalid setting UPLOAD_ALLOWED_TYPES/],
    [{ UPLOAD_RETENTION: "a day" }, /^Invalid setting UPLOAD_RETENTION/],
    [{ UPLOAD_RETENTION: "5m" }, /^Invalid setting UPLOAD_RETENTION: .*at least 10m/],
  ])("%j is a one-line ConfigError", (env, message) => {
    expect(() => dev(env as Record<string, string>)).toThrow(ConfigError);
    expect(() => dev(env as Record<string, string>)).toThrow(message);
  });
});

describe("HTTP timeouts and the refresh grace", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-config-"));
  const parse = (env: Record<string, string>) =>
    parseConfig({ NODE_ENV: "development", STU_DATA_DIR: dataDir, ...env });

  it("have bounded defaults", () => {
    const config = parse({});
    expect(config.http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 120_000 });
    expect(config.refreshReuseGrace).toBe(10);
  });

  it("take durations, and 0 turns the grace off", () => {
    const config = parse({
      HTTP_HEADERS_TIMEOUT: "5s",
      HTTP_REQUEST_TIMEOUT: "10m",
      REFRESH_REUSE_GRACE: "0",
    });
    expect(config.http).toEqual({ headersTimeoutMs: 5_000, requestTimeoutMs: 600_000 });
    expect(config.refreshReuseGrace).toBe(0);
  });

  it.each([
    [{ HTTP_HEADERS_TIMEOUT: "soon" }, /HTTP_HEADERS_TIMEOUT/],
    [{ HTTP_HEADERS_TIMEOUT: "30s", HTTP_REQUEST_TIMEOUT: "10s" }, /HTTP_REQUEST_TIMEOUT/],
    [{ REFRESH_REUSE_GRACE: "1h" }, /REFRESH_REUSE_GRACE/],
  ])("refuse %j", (env, message) => {
    expect(() => parse(env)).toThrow(ConfigError);
    expect(() => parse(env)).toThrow(message);
  });
});
