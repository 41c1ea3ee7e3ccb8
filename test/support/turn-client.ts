import { createHash, createHmac, randomBytes } from "node:crypto";
import { createSocket, type Socket } from "node:dgram";

// A minimal STUN/TURN client over UDP (RFC 8489 messages, RFC 8656/5766 Allocate with the
// long-term credential mechanism). Hand-written: the npm STUN packages are codecs without the
// 401 → realm/nonce → signed retry exchange, and this is all the tests need.

const MAGIC_COOKIE = 0x2112a442;
const METHOD = { binding: 0x001, allocate: 0x003, refresh: 0x004 } as const;
const CLASS = { request: 0x000, success: 0x100, error: 0x110 } as const;
const ATTR = {
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  lifetime: 0x000d,
  realm: 0x0014,
  nonce: 0x0015,
  xorRelayedAddress: 0x0016,
  requestedTransport: 0x0019,
  xorMappedAddress: 0x0020,
} as const;

export type Address = { address: string; port: number };
type Attribute = { type: number; value: Buffer };
type Message = { type: number; transactionId: Buffer; attributes: Attribute[] };

function attribute(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(value.length, 2);
  const padding = Buffer.alloc((4 - (value.length % 4)) % 4);
  return Buffer.concat([header, value, padding]);
}

function header(type: number, length: number, transactionId: Buffer): Buffer {
  const buf = Buffer.alloc(20);
  buf.writeUInt16BE(type, 0);
  buf.writeUInt16BE(length, 2);
  buf.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(buf, 8);
  return buf;
}

/** Encodes a request; with `key`, appends MESSAGE-INTEGRITY (HMAC-SHA1 over the message before it). */
function encode(type: number, transactionId: Buffer, attributes: Attribute[], key?: Buffer): Buffer {
  const body = Buffer.concat(attributes.map((a) => attribute(a.type, a.value)));
  if (!key) return Buffer.concat([header(type, body.length, transactionId), body]);
  // The length in the header covers MESSAGE-INTEGRITY itself (4 + 20 bytes) when it is computed.
  const signed = Buffer.concat([header(type, body.length + 24, transactionId), body]);
  const mac = createHmac("sha1", key).update(signed).digest();
  return Buffer.concat([signed, attribute(ATTR.messageIntegrity, mac)]);
}

function decode(buf: Buffer): Message | null {
  if (buf.length < 20 || buf.readUInt32BE(4) !== MAGIC_COOKIE) return null;
  const length = buf.readUInt16BE(2);
  if (buf.length < 20 + length) return null;
  const attributes: Attribute[] = [];
  for (let offset = 20; offset + 4 <= 20 + length; ) {
    const type = buf.readUInt16BE(offset);
    const size = buf.readUInt16BE(offset + 2);
    attributes.push({ type, value: buf.subarray(offset + 4, offset + 4 + size) });
    offset += 4 + size + ((4 - (size % 4)) % 4);
  }
  return { type: buf.readUInt16BE(0), transactionId: buf.subarray(8, 20), attributes };
}

const find = (message: Message, type: number) => message.attributes.find((a) => a.type === type)?.value;

function xorAddress(value: Buffer): Address {
  const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
  if (value[1] !== 0x01) throw new Error("only IPv4 XOR addresses are decoded here");
  const ip = (value.readUInt32BE(4) ^ MAGIC_COOKIE) >>> 0;
  return { address: [24, 16, 8, 0].map((shift) => (ip >>> shift) & 0xff).join("."), port };
}

function errorCode(message: Message): { code: number; reason: string } {
  const value = find(message, ATTR.errorCode);
  if (!value) return { code: 0, reason: "error response without ERROR-CODE" };
  return { code: (value[2]! & 0x07) * 100 + value[3]!, reason: value.subarray(4).toString("utf8") };
}

/** Sends a request and waits for the response with its transaction id, retransmitting every 250 ms. */
function transact(
  socket: Socket,
  target: Address,
  build: (transactionId: Buffer) => Buffer,
  timeoutMs: number,
): Promise<Message> {
  const transactionId = randomBytes(12);
  const packet = build(transactionId);
  return new Promise((resolve, reject) => {
    const send = () => socket.send(packet, target.port, target.address);
    const done = (error: Error | null, message?: Message) => {
      clearInterval(resend);
      clearTimeout(timer);
      socket.off("message", onMessage);
      socket.off("error", onError);
      if (error) reject(error);
      else resolve(message!);
    };
    const onMessage = (data: Buffer) => {
      const message = decode(data);
      if (message?.transactionId.equals(transactionId)) done(null, message);
    };
    const onError = (error: Error) => done(error);
    const resend = setInterval(send, 250);
    const timer = setTimeout(
      () => done(new Error(`no STUN response from ${target.address}:${target.port} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on("message", onMessage);
    socket.on("error", onError);
    send();
  });
}

async function withSocket<T>(run: (socket: Socket) => Promise<T>): Promise<T> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  try {
    return await run(socket);
  } finally {
    socket.close();
  }
}

/** A STUN Binding request; resolves with the reflexive address the server saw. */
export function stunBinding(options: { host: string; port: number; timeoutMs?: number }): Promise<Address> {
  const target = { address: options.host, port: options.port };
  return withSocket(async (socket) => {
    const response = await transact(
      socket,
      target,
      (id) => encode(METHOD.binding | CLASS.request, id, []),
      options.timeoutMs ?? 2000,
    );
    const mapped = find(response, ATTR.xorMappedAddress);
    if (response.type !== (METHOD.binding | CLASS.success) || !mapped) throw new Error("STUN Binding failed");
    return xorAddress(mapped);
  });
}

export type AllocateResult =
  | { ok: true; relayed: Address; mapped: Address | null; lifetime: number | null }
  | { ok: false; code: number; reason: string };

/**
 * A TURN Allocate (UDP relay) with long-term credentials: the unauthenticated request draws a 401
 * with REALM and NONCE, the retry carries USERNAME, REALM, NONCE and MESSAGE-INTEGRITY keyed with
 * MD5(username:realm:password). Resolves with the relayed address, or with the error code the server
 * answered (401 for credentials it refuses). A successful allocation is released again (Refresh with
 * LIFETIME 0) before this returns.
 */
export function turnAllocate(options: {
  host: string;
  port: number;
  username: string;
  password: string;
  timeoutMs?: number;
}): Promise<AllocateResult> {
  const target = { address: options.host, port: options.port };
  const timeoutMs = options.timeoutMs ?? 3000;
  const udp = Buffer.from([17, 0, 0, 0]);
  const allocate = METHOD.allocate | CLASS.request;
  return withSocket(async (socket) => {
    const challenge = await transact(
      socket,
      target,
      (id) => encode(allocate, id, [{ type: ATTR.requestedTransport, value: udp }]),
      timeoutMs,
    );
    if (challenge.type !== (METHOD.allocate | CLASS.error)) {
      throw new Error("the TURN server allocated without asking for credentials");
    }
    let realm = find(challenge, ATTR.realm);
    let nonce = find(challenge, ATTR.nonce);
    if (!realm || !nonce) return { ok: false, ...errorCode(challenge) };
    const key = () =>
      createHash("md5")
        .update(`${options.username}:${realm!.toString("utf8")}:${options.password}`)
        .digest();
    const signed = (method: number, extra: Attribute[]) => (id: Buffer) =>
      encode(
        method,
        id,
        [
          ...extra,
          { type: ATTR.username, value: Buffer.from(options.username, "utf8") },
          { type: ATTR.realm, value: realm! },
          { type: ATTR.nonce, value: nonce! },
        ],
        key(),
      );

    let response = await transact(
      socket,
      target,
      signed(allocate, [{ type: ATTR.requestedTransport, value: udp }]),
      timeoutMs,
    );
    // 438 Stale Nonce: once more with the fresh nonce it carries.
    if (response.type === (METHOD.allocate | CLASS.error) && errorCode(response).code === 438) {
      realm = find(response, ATTR.realm) ?? realm;
      nonce = find(response, ATTR.nonce) ?? nonce;
      response = await transact(
        socket,
        target,
        signed(allocate, [{ type: ATTR.requestedTransport, value: udp }]),
        timeoutMs,
      );
    }
    if (response.type !== (METHOD.allocate | CLASS.success)) return { ok: false, ...errorCode(response) };
    const relayed = find(response, ATTR.xorRelayedAddress);
    if (!relayed) throw new Error("Allocate success without XOR-RELAYED-ADDRESS");
    const mapped = find(response, ATTR.xorMappedAddress);
    const lifetime = find(response, ATTR.lifetime);
    const zero = Buffer.alloc(4);
    await transact(
      socket,
      target,
      signed(METHOD.refresh | CLASS.request, [{ type: ATTR.lifetime, value: zero }]),
      timeoutMs,
    ).catch(() => undefined);
    return {
      ok: true,
      relayed: xorAddress(relayed),
      mapped: mapped ? xorAddress(mapped) : null,
      lifetime: lifetime ? lifetime.readUInt32BE(0) : null,
    };
  });
}
