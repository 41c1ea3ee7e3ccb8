import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { type AuthContext, authenticateAccessToken } from "../lib/auth/authenticate.ts";
import type { Config } from "../lib/config/env.ts";
import { AppError } from "../lib/http/app-error.ts";
import { connectionClosed, connectionOpened } from "../lib/presence/connections.ts";
import { getBus } from "../lib/realtime/bus.ts";
import { CLOSE } from "./close-codes.ts";

const MAX_FRAME_BYTES = 64 * 1024;
const HEARTBEAT_MS = 30_000;

type Connection = { ws: WebSocket; auth: AuthContext; alive: boolean };

export type SocketServer = {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  connectionCount(): number;
  close(): Promise<void>;
};

function send(ws: WebSocket, frame: Record<string, unknown>): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
}

export function createSocketServer(config: Config): SocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const connections = new Set<Connection>();

  const unsubscribe = getBus().subscribe((event) => {
    if (event.type !== "sessions_revoked") return;
    const revoked = new Set(event.deviceIds);
    for (const c of connections) {
      if (revoked.has(c.auth.deviceId)) c.ws.close(CLOSE.UNAUTHORIZED, "session_revoked");
    }
  });

  // A peer that misses a whole heartbeat interval is gone: free its resources.
  const heartbeat = setInterval(() => {
    for (const c of connections) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  function onFrame(c: Connection, data: RawData, isBinary: boolean): void {
    let frame: { type?: unknown } | null = null;
    try {
      frame = isBinary ? null : JSON.parse(data.toString());
    } catch {
      frame = null;
    }
    if (!frame || typeof frame !== "object" || typeof frame.type !== "string") {
      send(c.ws, {
        type: "error",
        code: "malformed_frame",
        message: "Frames are JSON text objects with a string type.",
      });
      return;
    }
    if (frame.type === "ping") {
      send(c.ws, { type: "pong", time: new Date().toISOString() });
      return;
    }
    send(c.ws, { type: "error", code: "unknown_type", message: `Unknown frame type "${frame.type}".` });
  }

  async function accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const origin = req.headers.origin;
    // Browsers always send Origin; other clients (apps, bots) may not, and carry a token anyway.
    if (origin && !config.allowedOrigins.includes(origin)) {
      ws.close(CLOSE.FORBIDDEN_ORIGIN, "origin_not_allowed");
      return;
    }
    const early: Array<[RawData, boolean]> = [];
    const buffer = (data: RawData, isBinary: boolean) => early.push([data, isBinary]);
    ws.on("message", buffer);
    const token = new URL(req.url ?? "/", "http://localhost").searchParams.get("token");
    let auth: AuthContext;
    try {
      if (!token) throw new AppError("missing_token", 401, "missing token");
      auth = await authenticateAccessToken(token);
    } catch (error) {
      ws.close(CLOSE.UNAUTHORIZED, error instanceof AppError ? error.code : "unauthorized");
      return;
    }
    if (ws.readyState !== WebSocket.OPEN) return;
    const c: Connection = { ws, auth, alive: true };
    connections.add(c);
    connectionOpened(auth.userId);
    ws.off("message", buffer);
    ws.on("message", (data, isBinary) => onFrame(c, data, isBinary));
    ws.on("pong", () => {
      c.alive = true;
    });
    ws.on("close", () => {
      connections.delete(c);
      connectionClosed(auth.userId);
    });
    ws.on("error", () => ws.terminate());
    send(ws, {
      type: "hello",
      user_id: auth.userId,
      device_id: auth.deviceId,
      server_time: new Date().toISOString(),
    });
    for (const [data, isBinary] of early) onFrame(c, data, isBinary);
  }

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => void accept(ws, req));
    },
    connectionCount: () => connections.size,
    async close() {
      unsubscribe();
      clearInterval(heartbeat);
      for (const c of connections) c.ws.close(CLOSE.GOING_AWAY, "server_shutting_down");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
