import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { ZodError } from "zod";
import { authenticateAccessToken, type TokenAuth } from "../lib/auth/authenticate.ts";
import { callConnectionClosed } from "../lib/calls/timers.ts";
import type { Config } from "../lib/config/env.ts";
import { overloaded } from "../lib/db/group-commit.ts";
import { isDatabaseUnavailable } from "../lib/db/unavailable.ts";
import { AppError } from "../lib/http/app-error.ts";
import { validationError } from "../lib/http/validation.ts";
import { announcePresence } from "../lib/presence/presence.ts";
import { getPresence } from "../lib/presence/store.ts";
import { getBus } from "../lib/realtime/bus.ts";
import type { BusEvent, Frame } from "../lib/realtime/events.ts";
import { CLOSE } from "./close-codes.ts";
import { handleFrame } from "./frame-handlers.ts";
import { clientFrame } from "./frames.ts";
import { log } from "./logger.ts";
import { TokenBucket } from "./rate-limiter.ts";

export const LIMITS = {
  maxFrameBytes: 64 * 1024,
  heartbeatMs: 30_000,
  // Frames per connection: bursts of 60, 30 per second sustained; a client that keeps
  // flooding after being told is disconnected.
  burst: 60,
  perSecond: 30,
  maxRejectedInARow: 100,
  // A reader that lets this much pile up unsent is too slow to keep: it is dropped, not buffered.
  maxBufferedBytes: 1024 * 1024,
  // Frames that arrive while the token is being checked wait in memory: only a few.
  maxEarlyFrames: 60,
  maxEarlyBytes: 256 * 1024,
  // Frames of one connection waiting to be handled (the one being handled too): past it a frame is
  // answered with `overloaded` at once instead of queueing behind a database that cannot keep up.
  maxQueuedFrames: 100,
};

// setTimeout takes at most 2^31-1 ms (~24.8 days); a longer token lifetime is waited out in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

const INSTANCE = randomBytes(4).toString("hex");
let sequence = 0;

type Connection = {
  id: string;
  ws: WebSocket;
  auth: TokenAuth;
  expiry?: ReturnType<typeof setTimeout>;
  alive: boolean;
  bucket: TokenBucket;
  rejected: number;
  queue: Promise<void>;
  /** Frames queued and not handled yet. */
  queued: number;
  /** Closed: its queued frames are dropped unhandled (its client resends what was not ACKed). */
  closed: boolean;
};

export type SocketServer = {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
};

function sendRaw(c: Pick<Connection, "ws">, payload: string): void {
  if (c.ws.readyState !== WebSocket.OPEN) return;
  if (c.ws.bufferedAmount > LIMITS.maxBufferedBytes) {
    c.ws.terminate();
    return;
  }
  c.ws.send(payload);
}

function rawLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function send(c: Pick<Connection, "ws">, frame: Frame): void {
  sendRaw(c, JSON.stringify(frame));
}

/** Which request an error frame answers: a send's temp_id, a call signal's call_id. */
type ErrorRef = { tempId?: unknown; callId?: unknown };

function errorFrame(error: unknown, ref: ErrorRef = {}): Frame {
  const appError =
    error instanceof AppError ? error : error instanceof ZodError ? validationError(error) : undefined;
  if (!appError) log(`socket frame failed: ${(error as Error)?.stack ?? error}`);
  // call_in_progress names the call that is running instead of the one asked for.
  const details = appError?.extra.details as { call_id?: unknown } | undefined;
  const callId = details?.call_id ?? ref.callId;
  return {
    type: "error",
    code: appError?.code ?? "internal_error",
    message: appError?.message ?? "Something went wrong on our side. Try again.",
    ...(ref.tempId !== undefined ? { temp_id: ref.tempId } : {}),
    ...(callId !== undefined ? { call_id: callId } : {}),
  };
}

export function createSocketServer(config: Config): SocketServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.maxFrameBytes,
    perMessageDeflate: false,
  });
  const connections = new Set<Connection>();
  const byUser = new Map<number, Set<Connection>>();
  // Presence changes of one user are applied in order, so a quick reconnect cannot end "offline".
  const presenceChains = new Map<number, Promise<void>>();
  // Calls whose socket closed get their reconnect grace timer; shutdown waits for these.
  const callHooks = new Set<Promise<void>>();

  function onConnectionClosed(c: Connection): void {
    const hook = callConnectionClosed(c.id)
      .catch((error) => log(`call disconnect bookkeeping failed: ${(error as Error).message}`))
      .finally(() => callHooks.delete(hook));
    callHooks.add(hook);
  }

  function trackPresence(userId: number, change: "opened" | "closed"): void {
    const previous = presenceChains.get(userId) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const flipped = await getPresence()[change](userId);
        if (flipped) await announcePresence(userId, change === "opened");
      })
      .catch((error) => log(`presence update failed: ${(error as Error).message}`))
      .finally(() => {
        if (presenceChains.get(userId) === next) presenceChains.delete(userId);
      });
    presenceChains.set(userId, next);
  }

  function onBusEvent(event: BusEvent): void {
    if (event.type === "sessions_revoked") {
      const revoked = new Set(event.deviceIds);
      const reason = event.reason ?? "session_revoked";
      for (const c of connections) if (revoked.has(c.auth.deviceId)) c.ws.close(CLOSE.UNAUTHORIZED, reason);
      return;
    }
    if (event.type === "resync") {
      const payload = JSON.stringify({ type: "resync", reason: event.reason });
      for (const c of connections) sendRaw(c, payload);
      return;
    }
    let payloads: string[] | undefined; // serialised once, for however many connections
    const only = event.connectionIds ? new Set(event.connectionIds) : undefined;
    for (const userId of event.userIds) {
      for (const c of byUser.get(userId) ?? []) {
        if (c.id === event.exceptConnection || (only && !only.has(c.id))) continue;
        payloads ??= event.frames.map((frame) => JSON.stringify(frame));
        for (const payload of payloads) sendRaw(c, payload);
      }
    }
  }
  const unsubscribe = getBus().subscribe(onBusEvent);

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
  }, LIMITS.heartbeatMs);
  heartbeat.unref();

  function onMessage(c: Connection, data: RawData, isBinary: boolean): void {
    if (!c.bucket.take()) {
      c.rejected += 1;
      if (c.rejected >= LIMITS.maxRejectedInARow) c.ws.close(CLOSE.POLICY_VIOLATION, "rate_limited");
      else send(c, { type: "error", code: "rate_limited", message: "Too many frames; slow down." });
      return;
    }
    c.rejected = 0;
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      raw = undefined;
    }
    if (!raw || typeof raw !== "object" || typeof (raw as { type?: unknown }).type !== "string") {
      send(c, {
        type: "error",
        code: "malformed_frame",
        message: "Frames are JSON text objects with a string type.",
      });
      return;
    }
    const ref: ErrorRef = {
      tempId: (raw as { temp_id?: unknown }).temp_id,
      callId:
        (raw as { type: string }).type === "call_signal" ? (raw as { call_id?: unknown }).call_id : undefined,
    };
    const parsed = clientFrame.safeParse(raw);
    if (!parsed.success) {
      const type = (raw as { type: string }).type;
      const known = clientFrame.options.some((o) => o.shape.type.value === type);
      send(
        c,
        known
          ? errorFrame(parsed.error, ref)
          : { type: "error", code: "unknown_type", message: `Unknown frame type "${type}".` },
      );
      return;
    }
    if (c.queued >= LIMITS.maxQueuedFrames) {
      send(c, errorFrame(overloaded(), ref));
      return;
    }
    c.queued += 1;
    // One connection's frames are handled in the order they arrived.
    c.queue = c.queue.then(() => {
      if (c.closed || c.ws.readyState !== WebSocket.OPEN) {
        c.queued -= 1;
        return;
      }
      return handleFrame(parsed.data, {
        auth: c.auth,
        connectionId: c.id,
        reply: (frame) => send(c, frame),
        renewAuth: (auth) => {
          c.auth = auth;
          scheduleExpiry(c);
        },
      })
        .catch((error) => send(c, errorFrame(error, ref)))
        .finally(() => {
          c.queued -= 1;
        });
    });
  }

  /** The socket lives as long as its access token, unless an `auth` frame renews it. */
  function scheduleExpiry(c: Connection): void {
    clearTimeout(c.expiry);
    const left = c.auth.expiresAt.getTime() - Date.now();
    if (left <= 0) {
      c.ws.close(CLOSE.UNAUTHORIZED, "token_expired");
      return;
    }
    c.expiry = setTimeout(() => scheduleExpiry(c), Math.min(left, MAX_TIMER_MS));
  }

  function register(c: Connection): void {
    connections.add(c);
    byUser.set(c.auth.userId, (byUser.get(c.auth.userId) ?? new Set()).add(c));
    trackPresence(c.auth.userId, "opened");
  }

  function unregister(c: Connection): void {
    clearTimeout(c.expiry);
    if (!connections.delete(c)) return;
    const mine = byUser.get(c.auth.userId);
    mine?.delete(c);
    if (mine?.size === 0) byUser.delete(c.auth.userId);
    trackPresence(c.auth.userId, "closed");
  }

  async function accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const origin = req.headers.origin;
    // Browsers always send Origin; other clients (apps, bots) may not, and carry a token anyway.
    if (origin && !config.allowedOrigins.includes(origin)) {
      ws.close(CLOSE.FORBIDDEN_ORIGIN, "origin_not_allowed");
      return;
    }
    const early: Array<[RawData, boolean]> = [];
    let earlyBytes = 0;
    const buffer = (data: RawData, isBinary: boolean) => {
      earlyBytes += rawLength(data);
      if (early.length >= LIMITS.maxEarlyFrames || earlyBytes > LIMITS.maxEarlyBytes) {
        ws.off("message", buffer);
        early.length = 0;
        ws.close(CLOSE.POLICY_VIOLATION, "too_many_frames_before_auth");
        return;
      }
      early.push([data, isBinary]);
    };
    ws.on("message", buffer);
    ws.on("error", () => ws.terminate());
    const token = new URL(req.url ?? "/", "http://localhost").searchParams.get("token");
    let auth: TokenAuth;
    try {
      if (!token) throw new AppError("missing_token", 401, "missing token");
      // Asked of PostgreSQL, not the session cache: a client that (re)connects during an outage is
      // told to try again later rather than given a socket whose every frame would fail.
      auth = await authenticateAccessToken(token, { fresh: true });
    } catch (error) {
      // Only a verdict on the token itself may make a client throw its session away.
      if (error instanceof AppError && error.status < 500) ws.close(CLOSE.UNAUTHORIZED, error.code);
      else if (isDatabaseUnavailable(error)) ws.close(CLOSE.TRY_AGAIN_LATER, "service_unavailable");
      else {
        log(`socket authentication failed: ${(error as Error)?.stack ?? error}`);
        ws.close(CLOSE.INTERNAL_ERROR, "internal_error");
      }
      return;
    }
    if (ws.readyState !== WebSocket.OPEN) return;
    const c: Connection = {
      id: `${INSTANCE}:${++sequence}`,
      ws,
      auth,
      alive: true,
      bucket: new TokenBucket(LIMITS.burst, LIMITS.perSecond),
      rejected: 0,
      queue: Promise.resolve(),
      queued: 0,
      closed: false,
    };
    register(c);
    scheduleExpiry(c);
    ws.off("message", buffer);
    ws.on("message", (data, isBinary) => onMessage(c, data, isBinary));
    ws.on("pong", () => {
      c.alive = true;
    });
    ws.on("close", () => {
      c.closed = true;
      unregister(c);
      onConnectionClosed(c);
    });
    send(c, {
      type: "hello",
      user_id: auth.userId,
      device_id: auth.deviceId,
      server_time: new Date().toISOString(),
      token_expires_at: auth.expiresAt.toISOString(),
    });
    for (const [data, isBinary] of early) onMessage(c, data, isBinary);
  }

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => void accept(ws, req));
    },
    async close() {
      unsubscribe();
      clearInterval(heartbeat);
      for (const c of connections) c.ws.close(CLOSE.GOING_AWAY, "server_shutting_down");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await Promise.all(presenceChains.values());
      await Promise.all(callHooks);
      await getPresence().close();
    },
  };
}
