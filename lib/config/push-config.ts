import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webPush from "web-push";
import { ConfigError } from "./config-error.ts";

export type PushConfig = {
  /** VAPID key pair (base64url, uncompressed P-256 public key and its private scalar). */
  vapidPublicKey: string;
  vapidPrivateKey: string;
  /** The VAPID `sub` claim: how a push service reaches the operator (mailto: or https:). */
  vapidSubject: string;
  /**
   * Test-only (PUSH_ALLOW_HTTP_ENDPOINTS=true): subscriptions may name an http: endpoint on a
   * loopback host, for a local push-service stand-in. Real push services are https: only.
   */
  allowHttpEndpoints: boolean;
};

type KeyPair = { publicKey: string; privateKey: string };

/** Without VAPID keys in the environment, a pair is generated once and kept in the data directory. */
function storedKeys(dataDir: string): KeyPair {
  const file = path.join(/* turbopackIgnore: true */ dataDir, "vapid-keys.json");
  try {
    const keys = JSON.parse(readFileSync(file, "utf8")) as KeyPair;
    if (keys.publicKey && keys.privateKey) return keys;
  } catch {
    // Not there yet (or unreadable): make a new pair below.
  }
  mkdirSync(dataDir, { recursive: true });
  const keys = webPush.generateVAPIDKeys();
  writeFileSync(file, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  return keys;
}

/** `mailto:` the address of MAIL_FROM ("stu <no-reply@host>"), or the app's https: URL. */
function defaultSubject(appUrl: string, mailFrom: string): string {
  if (appUrl.startsWith("https:")) return appUrl;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  return `mailto:${address.trim()}`;
}

export function parsePushConfig(
  env: Record<string, string | undefined>,
  dataDir: string,
  defaults: { appUrl: string; mailFrom: string },
): PushConfig {
  const publicKey = env.VAPID_PUBLIC_KEY?.trim();
  const privateKey = env.VAPID_PRIVATE_KEY?.trim();
  if (!publicKey !== !privateKey) {
    throw new ConfigError(
      "Invalid setting VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY: set both (`npx web-push generate-vapid-keys`) or neither",
    );
  }
  const keys = publicKey && privateKey ? { publicKey, privateKey } : storedKeys(dataDir);
  const subject = env.VAPID_SUBJECT?.trim() || defaultSubject(defaults.appUrl, defaults.mailFrom);
  try {
    webPush.setVapidDetails(subject, keys.publicKey, keys.privateKey);
  } catch (error) {
    throw new ConfigError(`Invalid setting VAPID_*: ${(error as Error).message}`);
  }
  const allowHttp = env.PUSH_ALLOW_HTTP_ENDPOINTS?.trim();
  if (allowHttp && !/^(1|0|true|false)$/.test(allowHttp)) {
    throw new ConfigError("Invalid setting PUSH_ALLOW_HTTP_ENDPOINTS: expected true or false");
  }
  return {
    vapidPublicKey: keys.publicKey,
    vapidPrivateKey: keys.privateKey,
    vapidSubject: subject,
    allowHttpEndpoints: allowHttp === "1" || allowHttp === "true",
  };
}
