import { AppError } from "../http/app-error.ts";

/** One item's own result: a value, or the error only that item's caller gets. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export type GroupCommitOptions<I, R> = {
  /**
   * Commits the batch (in one transaction) and settles every item, in order. Rejecting fails the
   * whole batch with that error: only for what no item can survive (the database is away).
   */
  commit(batch: I[]): Promise<Settled<R>[]>;
  /** Items per transaction. */
  maxBatch?: number;
  /** Items allowed to wait; past it an item is refused at once with `overloaded`. */
  capacity?: number;
};

export type GroupCommit<I, R> = {
  submit(item: I): Promise<R>;
  /** Items gathered for the next transaction. */
  readonly waiting: number;
};

export const overloaded = () =>
  new AppError("overloaded", 503, "stu is overloaded; retry in a moment.", {
    headers: { "Retry-After": "1" },
  });

type Entry<I, R> = { item: I; resolve(value: R): void; reject(error: unknown): void };

/**
 * Group commit: while one batch commits, the items that arrive gather, and the next transaction
 * takes them all (up to maxBatch) — one durable commit (one fsync) for many writes, and no waiting
 * window at low load (a lone item starts its transaction at once). At most one batch is in flight,
 * so items are committed in the order they were submitted.
 */
export function createGroupCommit<I, R>(options: GroupCommitOptions<I, R>): GroupCommit<I, R> {
  const maxBatch = options.maxBatch ?? 500;
  const capacity = options.capacity ?? 10_000;
  let queue: Entry<I, R>[] = [];
  let running = false;

  async function run(): Promise<void> {
    running = true;
    try {
      while (queue.length) {
        const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
        queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
        let outcomes: Settled<R>[];
        try {
          outcomes = await options.commit(batch.map((e) => e.item));
        } catch (error) {
          for (const e of batch) e.reject(error);
          continue;
        }
        for (let i = 0; i < batch.length; i++) {
          const outcome = outcomes[i];
          if (outcome?.ok) batch[i]!.resolve(outcome.value);
          else batch[i]!.reject(outcome ? outcome.error : new Error("group commit: an item got no outcome"));
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    submit(item) {
      if (queue.length >= capacity) return Promise.reject(overloaded());
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // Started on the next turn of the event loop, so that what the current one delivers (many
        // socket frames read at once) shares the first transaction too.
        if (!running && queue.length === 1) setImmediate(() => running || void run());
      });
    },
    get waiting() {
      return queue.length;
    },
  };
}
