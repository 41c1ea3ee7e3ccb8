import net from "node:net";

/** A raw TCP connection to the server, for what no well-behaved client does (slow or early bytes). */
export function rawConnect(baseUrl: string): Promise<net.Socket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Resolves with what the server sent and when it closed, or null if still open after `timeoutMs`. */
export function whenClosed(
  socket: net.Socket,
  timeoutMs: number,
): Promise<{ at: number; data: Buffer } | null> {
  const chunks: Buffer[] = [];
  socket.on("data", (chunk) => chunks.push(chunk));
  socket.on("error", () => {});
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve({ at: Date.now(), data: Buffer.concat(chunks) });
    });
  });
}

/** A masked WebSocket text frame (clients must mask), for payloads under 126 bytes. */
export function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length >= 126) throw new Error("short frames only");
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

/** The close code of the first close frame (opcode 8) among the unmasked server frames after the 101. */
export function closeCodeOf(data: Buffer): number | null {
  const end = data.indexOf("\r\n\r\n");
  let i = end < 0 ? 0 : end + 4;
  while (i + 2 <= data.length) {
    const opcode = data[i]! & 0x0f;
    let length = data[i + 1]! & 0x7f;
    let offset = i + 2;
    if (length === 126) {
      length = data.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(data.readBigUInt64BE(offset));
      offset += 8;
    }
    if (opcode === 8) return length >= 2 ? data.readUInt16BE(offset) : null;
    i = offset + length;
  }
  return null;
}

/** The HTTP request that opens /ws, written by hand so frames can follow it in the same packet. */
export function upgradeRequest(baseUrl: string, token: string): Buffer {
  const lines = [
    `GET /ws?token=${encodeURIComponent(token)} HTTP/1.1`,
    `Host: ${new URL(baseUrl).host}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
  ];
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n`);
}
