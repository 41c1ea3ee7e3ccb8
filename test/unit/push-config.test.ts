import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import webPush from "web-push";
import { ConfigError } from "@/lib/config/config-error.ts";
import { parsePushConfig } from "@/lib/config/push-config.ts";

const dir = () => mkdtempSync(path.join(os.tmpdir(), "stu-push-config-"));
const defaults = { appUrl: "http://localhost:3000", mailFrom: "stu <no-reply@chat.test>" };

describe("push configuration", () => {
  it("generates a VAPID pair once into the data directory and keeps it", () => {
    const dataDir = dir();
    const config = parsePushConfig({}, dataDir, defaults);
    expect(Buffer.from(config.vapidPublicKey, "base64url")).toHaveLength(65);
    expect(JSON.parse(readFileSync(path.join(dataDir, "vapid-keys.json"), "utf8")).publicKey).toBe(
      config.vapidPublicKey,
    );
    expect(parsePushConfig({}, dataDir, defaults).vapidPrivateKey).toBe(config.vapidPrivateKey);
    expect(config.vapidSubject).toBe("mailto:no-reply@chat.test");
    expect(config.allowHttpEndpoints).toBe(false);
  });

  it("takes keys and subject from the environment; an https APP_URL is the default subject", () => {
    const keys = webPush.generateVAPIDKeys();
    const env = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };
    const config = parsePushConfig(env, dir(), { ...defaults, appUrl: "https://chat.example.org" });
    expect(config).toMatchObject({
      vapidPublicKey: keys.publicKey,
      vapidSubject: "https://chat.example.org",
    });
    expect(
      parsePushConfig({ ...env, VAPID_SUBJECT: "mailto:ops@example.org" }, dir(), defaults).vapidSubject,
    ).toBe("mailto:ops@example.org");
    expect(parsePushConfig({ PUSH_ALLOW_HTTP_ENDPOINTS: "true" }, dir(), defaults).allowHttpEndpoints).toBe(
      true,
    );
  });

  it("refuses half a key pair, a malformed key or subject, and a bad PUSH_ALLOW_HTTP_ENDPOINTS", () => {
    const keys = webPush.generateVAPIDKeys();
    expect(() => parsePushConfig({ VAPID_PUBLIC_KEY: keys.publicKey }, dir(), defaults)).toThrow(ConfigError);
    expect(() =>
      parsePushConfig({ VAPID_PUBLIC_KEY: "short", VAPID_PRIVATE_KEY: keys.privateKey }, dir(), defaults),
    ).toThrow(/VAPID/);
    expect(() => parsePushConfig({ VAPID_SUBJECT: "ops@example.org" }, dir(), defaults)).toThrow(/VAPID/);
    expect(() => parsePushConfig({ PUSH_ALLOW_HTTP_ENDPOINTS: "maybe" }, dir(), defaults)).toThrow(
      /PUSH_ALLOW_HTTP_ENDPOINTS/,
    );
  });
});
