import { ApiError, api } from "./api.ts";

export type SocketStatus = "connecting" | "online" | "offline";
export type ServerFrame = { type: string; [key: string]: unknown };

type Handlers = {
  onFrame(frame: ServerFrame): void;
  onStatus(status: SocketStatus): void;
  /** After every successful (re)connection: flush the outbox, catch up on what was missed. */
  onConnected(firstTime: boolean): void;
  /** The session is gone (signed out elsewhere, revoked): nothing to reconnect to. */
  onSignedOut(): void;
};

const MAX_BACKOFF_MS = 15_000;
const PING_EVERY_MS = 25_000;
const PONG_TIMEOUT_MS = 10_000;

/**
 * One WebSocket per tab: a fresh access token per connection (from the cookie session), reconnects
 * with jittered exponential backoff, reacts to the browser's online/offline events at once, and
 * notices a half-open connection with an application-level ping.
 */
export class RealtimeSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongDeadline: ReturnType<typeof setTimeout> | undefined;
  private connectedOnce = false;
  private stopped = false;

  constructor(private readonly handlers: Handlers) {}

  start(): void {
    this.stopped = false;
    window.addEventListener("online", this.handleOnline);
    window.addEventListener("offline", this.handleOffline);
    if (navigator.onLine) void this.connect();
    else this.handlers.onStatus("offline");
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.handleOnline);
    window.removeEventListener("offline", this.handleOffline);
    clearTimeout(this.timer);
    this.dropConnection();
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.ready;
  }

  private ready = false;

  /** Sends if connected; false means the caller must keep the frame for later. */
  send(frame: object): boolean {
    if (!this.isOpen) return false;
    this.ws!.send(JSON.stringify(frame));
    return true;
  }

  private handleOnline = () => {
    this.attempt = 0;
    clearTimeout(this.timer);
    if (!this.ws) void this.connect();
  };

  private handleOffline = () => {
    clearTimeout(this.timer);
    this.dropConnection();
    this.handlers.onStatus("offline");
  };

  private dropConnection(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongDeadline);
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      ws.close();
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.handlers.onStatus("connecting");
    let token: string;
    try {
      token = (await api<{ access_token: string }>("/v1/auth/token")).access_token;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return this.handlers.onSignedOut();
      return this.retryLater();
    }
    if (this.stopped || !navigator.onLine) return;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`);
    this.ws = ws;
    ws.onmessage = (event) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (frame.type === "hello") return this.handleHello();
      if (frame.type === "pong") return clearTimeout(this.pongDeadline);
      this.handlers.onFrame(frame);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.dropConnection();
      if (!this.stopped) this.retryLater();
    };
  }

  private handleHello(): void {
    this.ready = true;
    this.attempt = 0;
    this.handlers.onStatus("online");
    this.handlers.onConnected(!this.connectedOnce);
    this.connectedOnce = true;
    this.pingTimer = setInterval(() => {
      if (!this.send({ type: "ping" })) return;
      clearTimeout(this.pongDeadline);
      this.pongDeadline = setTimeout(() => this.ws?.close(), PONG_TIMEOUT_MS);
    }, PING_EVERY_MS);
  }

  private retryLater(): void {
    if (this.stopped) return;
    this.handlers.onStatus(navigator.onLine ? "connecting" : "offline");
    if (!navigator.onLine) return; // the online event reconnects
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delay);
  }
}
