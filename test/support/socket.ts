import WebSocket from "ws";

export type Closed = { code: number; reason: string; at: number };

/** A real `ws` client that records frames and can wait for one of a type (optionally matching). */
export class TestSocket {
  readonly ws: WebSocket;
  readonly frames: any[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<Closed>;
  private waiters: Array<{ match: (f: any) => boolean; resolve: (f: any) => void }> = [];

  constructor(baseUrl: string, token: string | null, headers: Record<string, string> = {}) {
    const query = token === null ? "" : `?token=${encodeURIComponent(token)}`;
    this.ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/ws${query}`, { headers });
    this.ws.on("message", (data) => {
      const frame = JSON.parse(data.toString());
      this.frames.push(frame);
      const i = this.waiters.findIndex((w) => w.match(frame));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(frame);
    });
    this.ws.on("error", () => {});
    this.opened = new Promise((resolve) => this.ws.once("open", () => resolve()));
    this.closed = new Promise((resolve) =>
      this.ws.on("close", (code, reason) => resolve({ code, reason: reason.toString(), at: Date.now() })),
    );
  }

  /** Connects and waits for the server's hello. */
  static async connect(
    baseUrl: string,
    token: string,
    headers?: Record<string, string>,
  ): Promise<TestSocket> {
    const socket = new TestSocket(baseUrl, token, headers);
    await socket.next("hello");
    return socket;
  }

  send(frame: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first frame of this type (and matching `where`) received so far or within the timeout. */
  next(type: string, where: (frame: any) => boolean = () => true, timeoutMs = 5000): Promise<any> {
    const match = (f: any) => f.type === type && where(f);
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i < 0) return;
        this.waiters.splice(i, 1);
        reject(
          new Error(
            `no ${type} frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`,
          ),
        );
      }, timeoutMs);
    });
  }

  /** Frames of a type received so far. */
  all(type: string): any[] {
    return this.frames.filter((f) => f.type === type);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    await this.closed;
  }
}
