/**
 * Payloads waiting to be published, in order. Nobody waits for them: `push` only queues and starts
 * a flush, so a Redis outage never holds the caller. A flush sends batches while the connection is
 * ready and keeps whatever was not confirmed for the next one (on reconnect, or a retry timer).
 * A payload whose confirmation was lost with the connection is sent again: at least once, in order.
 */
export type Outbox = {
  push(payload: string): void;
  /** Sends what is waiting; called again when the connection is back. */
  flush(): void;
  readonly size: number;
};

type Options = {
  capacity: number;
  batchSize?: number;
  retryMs?: number;
  ready(): boolean;
  /** Publishes the payloads in order; resolves with how many of the first ones were confirmed. */
  sendBatch(payloads: string[]): Promise<number>;
  /** Payloads were refused because the outbox was full (called once per run of refusals). */
  onOverflow(): void;
  /** The outbox is empty again after an overflow: what was dropped can now be announced. */
  onDrainedAfterOverflow(): void;
};

export function createOutbox(options: Options): Outbox {
  const queue: string[] = [];
  const batchSize = options.batchSize ?? 200;
  let flushing = false;
  let overflowed = false;
  let retry: NodeJS.Timeout | undefined;

  async function run(): Promise<void> {
    flushing = true;
    try {
      while (queue.length && options.ready()) {
        // New payloads are only appended (a full outbox refuses new ones rather than dropping old
        // ones), so the first `sent` entries are still the ones that were sent.
        const batch = queue.slice(0, batchSize);
        const sent = await options.sendBatch(batch).catch(() => 0);
        queue.splice(0, sent);
        if (sent < batch.length) {
          scheduleRetry();
          return;
        }
      }
    } finally {
      flushing = false;
    }
    if (!queue.length && overflowed) {
      overflowed = false;
      options.onDrainedAfterOverflow();
    }
  }

  function scheduleRetry(): void {
    if (retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      flush();
    }, options.retryMs ?? 1000);
    retry.unref();
  }

  function flush(): void {
    if (!flushing) void run();
  }

  return {
    push(payload) {
      if (queue.length >= options.capacity) {
        if (!overflowed) options.onOverflow();
        overflowed = true;
        return;
      }
      queue.push(payload);
      flush();
    },
    flush,
    get size() {
      return queue.length;
    },
  };
}
