import { getPool } from "../db/client.ts";
import { createGroupCommit, type GroupCommit, type Settled } from "../db/group-commit.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { AppError } from "../http/app-error.ts";
import { queuePushes } from "../push/queue-push.ts";
import {
  applyReceipts,
  publishMoves,
  type ReceiptItem,
  type ReceiptOutcome,
  settleReceipt,
} from "./receipt-batch.ts";
import { insertSends, type SendItem, type SendOutcome, settleSend } from "./send-batch.ts";

/**
 * Sends and receipts commit in two lanes side by side, each one batch (one transaction, one fsync)
 * at a time: a message never waits behind a batch of receipts (in a busy group there are 49 of
 * them per message), and each lane's batch is one statement, so one round trip. Both lanes lock
 * member rows in key order, so they cannot deadlock on them.
 */
async function commitSends(items: SendItem[]): Promise<Settled<SendOutcome>[]> {
  let rows: Awaited<ReturnType<typeof insertSends>>;
  try {
    rows = await insertSends(getPool(), items);
  } catch (error) {
    return failedBatch(error, items.length);
  }
  const outcomes = items.map((item, i) => settleSend(item, rows[i]));
  queuePushes(outcomes.flatMap((o) => ("created" in o && o.created ? [o.message.id] : [])));
  return outcomes.map((value) => ({ ok: true, value }));
}

async function commitReceipts(items: ReceiptItem[]): Promise<Settled<ReceiptOutcome>[]> {
  let marked: Awaited<ReturnType<typeof applyReceipts>>;
  try {
    marked = await applyReceipts(getPool(), items);
  } catch (error) {
    return failedBatch(error, items.length);
  }
  const outcomes = marked.found.map(
    (found): Settled<ReceiptOutcome> => ({ ok: true, value: settleReceipt(found) }),
  );
  publishMoves(marked.moves);
  return outcomes;
}

/**
 * A statement that fails as a whole (not an item's refusal) must not fail the other items: they are
 * all sent back to go alone. A database outage fails them all (service_unavailable).
 */
function failedBatch(error: unknown, size: number): Settled<{ retryAlone: true }>[] {
  if (isDatabaseUnavailable(error)) throw error;
  console.error(
    `[stu] a batch of ${size} writes failed (${(error as Error)?.message}); each is retried alone`,
  );
  return Array.from({ length: size }, () => ({ ok: true, value: { retryAlone: true } }));
}

type Lanes = {
  sends: GroupCommit<SendItem, SendOutcome>;
  receipts: GroupCommit<ReceiptItem, ReceiptOutcome>;
};
const LANES = Symbol.for("stu.write-lanes");
type WithLanes = typeof globalThis & { [LANES]?: Lanes };

/** One pair of lanes per process: route handlers and server/ load separate copies of this module. */
function lanes(): Lanes {
  const g = globalThis as WithLanes;
  g[LANES] ??= {
    sends: createGroupCommit({ commit: commitSends, maxBatch: 500, capacity: 10_000 }),
    receipts: createGroupCommit({ commit: commitReceipts, maxBatch: 500, capacity: 10_000 }),
  };
  return g[LANES];
}

/** An AppError made by the other copy of the module is remade as this copy's (instanceof holds). */
function ours(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error) || error.name !== "AppError") return error;
  const e = error as AppError;
  return new AppError(e.code, e.status, e.message, e.extra);
}

export function submitSend(item: SendItem): Promise<SendOutcome> {
  return lanes()
    .sends.submit(item)
    .catch((error) => Promise.reject(ours(error)));
}

export function submitReceipt(item: ReceiptItem): Promise<ReceiptOutcome> {
  return lanes()
    .receipts.submit(item)
    .catch((error) => Promise.reject(ours(error)));
}
