import { createDecipheriv, createECDH, hkdfSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";

/**
 * A local stand-in for a Web Push service (RFC 8030), since the real ones cannot be reached from
 * here. It plays the browser's part too: it makes subscriptions (a P-256 key pair and an auth
 * secret), checks each push's VAPID JWT (RFC 8292: ES256 signed by the server's key, audience this
 * origin, expiry within 24 h) and decrypts its aes128gcm payload (RFC 8291) with the subscription's
 * private key — independently of the web-push library that made it.
 */
export type StandInSubscription = {
  id: string;
  /** What a browser's PushSubscription.toJSON() answers. */
  json: { endpoint: string; keys: { p256dh: string; auth: string }; expirationTime: null };
};

export type ReceivedPush = {
  subscriptionId: string;
  payload: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  claims: { aud: string; exp: number; sub: string };
  /** Date.now() when it arrived. */
  at: number;
};

type Keys = { ecdh: ReturnType<typeof createECDH>; auth: Buffer };

export type PushServiceStandIn = {
  url: string;
  subscribe(): StandInSubscription;
  /** Answer this status (and record nothing) to every push for the subscription from now on. */
  respondWith(subscriptionId: string, status: number): void;
  received: ReceivedPush[];
  /** Pushes that failed the checks, with why. */
  rejected: string[];
  waitFor(count: number, filter?: (p: ReceivedPush) => boolean, timeoutMs?: number): Promise<ReceivedPush[]>;
  /** How many requests arrived for the subscription, answered or not. */
  hits(subscriptionId: string): number;
  close(): Promise<void>;
};

const b64 = (buf: Buffer) => buf.toString("base64url");

/** RFC 8291 §3.4 and RFC 8188: one aes128gcm record, decrypted with the receiver's private key. */
export function decryptAes128gcm(body: Buffer, keys: Keys): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const secret = keys.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), keys.ecdh.getPublicKey(), senderPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", secret, keys.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("not a last record (no 0x02 delimiter)");
  return padded.subarray(0, end).toString("utf8");
}

async function verifyVapid(authorization: string, audience: string, vapidPublicKey: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match) throw new Error(`Authorization is not "vapid t=…, k=…": ${authorization}`);
  const [, token, k] = match;
  if (k !== vapidPublicKey) throw new Error("k is not the server's VAPID public key");
  if (decodeProtectedHeader(token!).alg !== "ES256") throw new Error("JWT is not ES256");
  const raw = Buffer.from(k, "base64url");
  const key = await importJWK(
    { kty: "EC", crv: "P-256", x: b64(raw.subarray(1, 33)), y: b64(raw.subarray(33, 65)) },
    "ES256",
  );
  const { payload } = await jwtVerify(token!, key, { audience, algorithms: ["ES256"] });
  const now = Date.now() / 1000;
  if (typeof payload.exp !== "number" || payload.exp <= now || payload.exp > now + 24 * 3600 + 60) {
    throw new Error(`JWT exp must be within 24 h: ${payload.exp}`);
  }
  if (typeof payload.sub !== "string" || !/^(mailto:|https:)/.test(payload.sub)) {
    throw new Error(`JWT sub must be mailto: or https: (${payload.sub})`);
  }
  return { aud: payload.aud as string, exp: payload.exp, sub: payload.sub };
}

export async function startPushService(vapidPublicKey: string): Promise<PushServiceStandIn> {
  const subscriptions = new Map<string, Keys>();
  const statuses = new Map<string, number>();
  const hitCounts = new Map<string, number>();
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  const waiters = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const id = /^\/push\/([\w-]+)$/.exec(req.url ?? "")?.[1] ?? "";
      hitCounts.set(id, (hitCounts.get(id) ?? 0) + 1);
      const keys = subscriptions.get(id);
      if (req.method !== "POST" || !keys) return void res.writeHead(404).end();
      const status = statuses.get(id);
      if (status) return void res.writeHead(status).end();
      try {
        if (req.headers["content-encoding"] !== "aes128gcm")
          throw new Error("Content-Encoding is not aes128gcm");
        if (!req.headers.ttl || !/^\d+$/.test(String(req.headers.ttl))) throw new Error("no TTL header");
        const claims = await verifyVapid(req.headers.authorization ?? "", url, vapidPublicKey);
        const payload = JSON.parse(decryptAes128gcm(Buffer.concat(chunks), keys));
        received.push({ subscriptionId: id, payload, headers: req.headers, claims, at: Date.now() });
        res.writeHead(201, { Location: `${url}/message/${randomBytes(4).toString("hex")}` }).end();
      } catch (error) {
        rejected.push((error as Error).message);
        res.writeHead(400).end();
      }
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    received,
    rejected,
    subscribe() {
      const id = randomBytes(8).toString("hex");
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      subscriptions.set(id, { ecdh, auth });
      return {
        id,
        json: {
          endpoint: `${url}/push/${id}`,
          keys: { p256dh: b64(ecdh.getPublicKey()), auth: b64(auth) },
          expirationTime: null,
        },
      };
    },
    respondWith(subscriptionId, status) {
      statuses.set(subscriptionId, status);
    },
    hits: (subscriptionId) => hitCounts.get(subscriptionId) ?? 0,
    async waitFor(count, filter = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = received.filter(filter);
        if (matching.length >= count) return matching;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(
            `expected ${count} pushes, got ${matching.length} (rejected: ${rejected.join("; ")})`,
          );
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
