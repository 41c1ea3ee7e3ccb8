import { ApiError, api } from "./api.ts";

export type SocketStatus = "connecting" | "online" | "offline";
export type ServerFrame = { type: string; [key: string]: unknown };

type Handlers = {
  onFrame(frame: ServerFrame): void;
  onStatus(status: SocketStatus): void;
  /** After every successful (re)connection: flush the outbox, catch up on what was missed. */
  onConnected(firstTime: boolean): void;
  /** The server could not deliver some events live: catch up as after a reconnect. */
  onResync(reason: string): void;
  /** The session is gone (signed out elsewhere, revoked, or the account banned): nothing to reconnect to. */
  onSignedOut(reason: SignOutReason): void;
};

export type SignOutReason = "signed_out" | "banned";

/** The close reason the server gives a banned user's sockets (code 4401). */
const BANNED = "user_banned";

/** Whether an answer means the session is over for good; which reason to show. */
export function endedSession(error: unknown): SignOutReason | null {
  if (!(error instanceof ApiError)) return null;
  if (error.body.code === BANNED) return "banned";
  return error.status === 401 ? "signed_out" : null;
}

type TokenAnswer = { access_token: string; expires_in: number };

const MAX_BACKOFF_MS = 15_000;
const PING_EVERY_MS = 25_000;
const PONG_TIMEOUT_MS = 10_000;
const RENEW_RETRY_MS = 10_000;

/**
 * When to renew a token that has `lifetimeMs` left: 60 s before it expires or at 80% of its
 * lifetime, whichever is earlier; never sooner than half the lifetime (at most 5 s), so a server
 * that hands out very short tokens does not get a request loop.
 */
export function renewalDelay(lifetimeMs: number): number {
  const wanted = Math.min(lifetimeMs - 60_000, lifetimeMs * 0.8);
  return Math.max(wanted, Math.min(lifetimeMs / 2, 5_000), 0);
}

/**
 * One WebSocket per tab: a fresh access token per connection (from the cookie session), reconnects
 * with jittered exponential backoff, reacts to the browser's online/offline events at once, and
 * notices a half-open connection with an application-level ping. When the server says when the
 * socket's token expires (`token_expires_at` in `hello` and `auth_ok`), a fresh token is sent on the
 * open socket before then (`auth`), so a long-open tab never reconnects just to renew.
 */
export class RealtimeSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongDeadline: ReturnType<typeof setTimeout> | undefined;
  private connectedOnce = false;
  private stopped = false;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  /** Local time at which the token in use expires, from its expires_in (immune to clock skew). */
  private tokenExpiresAt = Number.NaN;

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
    clearTimeout(this.renewTimer);
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
      token = this.tokenFrom(await api<TokenAnswer>("/v1/auth/token"));
    } catch (error) {
      const ended = endedSession(error);
      if (ended) return this.signedOut(ended);
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
      switch (frame.type) {
        case "hello":
          this.handleHello();
          return this.scheduleRenewal(frame.token_expires_at);
        case "auth_ok":
          return this.scheduleRenewal(frame.token_expires_at);
        case "pong":
          return clearTimeout(this.pongDeadline);
        case "resync":
          return this.handlers.onResync(String(frame.reason ?? ""));
      }
      // A refused renewal (`invalid_token`) needs nothing here: the server closes the socket when the
      // old token expires and the usual reconnect fetches a new one.
      this.handlers.onFrame(frame);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.dropConnection();
      // A ban revokes the session too, so a reconnect would only hear 401 and lose the reason.
      if (event.code === 4401 && event.reason === BANNED) return this.signedOut("banned");
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

  private tokenFrom(answer: TokenAnswer): string {
    this.tokenExpiresAt = Date.now() + answer.expires_in * 1000;
    return answer.access_token;
  }

  /** Time left on the socket's token: the server's word, bounded by what the token itself said. */
  private tokenLifetime(expiresAt: unknown): number | null {
    const byServer = typeof expiresAt === "string" ? Date.parse(expiresAt) - Date.now() : Number.NaN;
    if (!Number.isFinite(byServer)) return null; // a server that does not expire sockets
    const byToken = this.tokenExpiresAt - Date.now();
    // A clock far off from the server's can make its time look past already; the token's own
    // expires_in was measured here.
    const known = [byServer, byToken].filter((ms) => Number.isFinite(ms) && ms > 0);
    return known.length ? Math.min(...known) : 0;
  }

  private scheduleRenewal(expiresAt: unknown): void {
    const lifetime = this.tokenLifetime(expiresAt);
    clearTimeout(this.renewTimer);
    if (lifetime === null) return;
    const expiry = Date.now() + lifetime;
    this.renewTimer = setTimeout(() => void this.renew(expiry), renewalDelay(lifetime));
  }

  private async renew(expiry: number): Promise<void> {
    const ws = this.ws;
    if (!ws || !this.isOpen) return;
    try {
      const token = this.tokenFrom(await api<TokenAnswer>("/v1/auth/token"));
      if (this.ws === ws) this.send({ type: "auth", token });
    } catch (error) {
      const ended = endedSession(error);
      if (ended) return this.signedOut(ended);
      // Offline for a moment: try again while the old token still holds.
      const left = expiry - Date.now();
      if (this.ws === ws && left > 1_000) {
        this.renewTimer = setTimeout(() => void this.renew(expiry), Math.min(RENEW_RETRY_MS, left / 2));
      }
    }
  }

  private signedOut(reason: SignOutReason): void {
    if (this.stopped) return;
    this.stop();
    this.handlers.onSignedOut(reason);
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
