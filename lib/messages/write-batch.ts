import { getPool } from "../db/client.ts";
import { createGroupCommit, type GroupCommit, type Settled } from "../db/group-commit.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { AppError } from "../http/app-error.ts";
import {
  applyReceipts,
  publishMoves,
  type ReceiptItem,
  type ReceiptOutcome,
  settleReceipt,
} from "./receipt-batch.ts";
import { insertSends, type SendItem, type SendOutcome, settleSend } from "./send-batch.ts";

type WriteItem = SendItem | ReceiptItem;
type WriteOutcome = SendOutcome | ReceiptOutcome;

/** BEGIN; the sends; the receipts that came with them; COMMIT — one fsync for all of them. */
async function inTransaction(sends: SendItem[], receipts: ReceiptItem[]) {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    const sent = await insertSends(client, sends);
    const marked = receipts.length ? await applyReceipts(client, receipts) : undefined;
    await client.query("COMMIT");
    client.release();
    return [sent, marked] as const;
  } catch (error) {
    // The connection is dropped rather than rolled back: the transaction ends with it, and a hung
    // server is not sent another statement to hang on.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

/**
 * One transaction for everything gathered. A statement that fails as a whole (not an item's refusal) must not fail the other items: they
 * are all sent back to go alone. A database outage fails them all (service_unavailable).
 */
async function commitWrites(items: WriteItem[]): Promise<Settled<WriteOutcome>[]> {
  const sends: SendItem[] = [];
  const receipts: ReceiptItem[] = [];
  for (const item of items) {
    if (item.kind === "send") sends.push(item);
    else receipts.push(item);
  }
  let sent: Awaited<ReturnType<typeof insertSends>> = [];
  let marked: Awaited<ReturnType<typeof applyReceipts>> | undefined;
  try {
    // Receipts alone are one statement: a transaction by themselves, no BEGIN/COMMIT round trips.
    if (!sends.length) marked = await applyReceipts(getPool(), receipts);
    else [sent, marked] = await inTransaction(sends, receipts);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    console.error(
      `[stu] a batch of ${items.length} writes failed (${(error as Error)?.message}); each is retried alone`,
    );
    return items.map(() => ({ ok: true, value: { retryAlone: true } }));
  }
  let s = 0;
  let r = 0;
  const outcomes = items.map(
    (item): Settled<WriteOutcome> => ({
      ok: true,
      value: item.kind === "send" ? settleSend(item, sent[s++]) : settleReceipt(marked?.found[r++]),
    }),
  );
  publishMoves(marked?.moves ?? []);
  return outcomes;
}

const WRITES = Symbol.for("stu.write-batch");
type WithWrites = typeof globalThis & { [WRITES]?: GroupCommit<WriteItem, WriteOutcome> };

/** One batcher per process: route handlers and server/ load separate copies of this module. */
function writes(): GroupCommit<WriteItem, WriteOutcome> {
  const g = globalThis as WithWrites;
  g[WRITES] ??= createGroupCommit({ commit: commitWrites, maxBatch: 500, capacity: 10_000 });
  return g[WRITES];
}

/** An AppError made by the other copy of the module is remade as this copy's (instanceof holds). */
function ours(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error) || error.name !== "AppError") return error;
  const e = error as AppError;
  return new AppError(e.code, e.status, e.message, e.extra);
}

export function submitSend(item: Omit<SendItem, "kind">): Promise<SendOutcome> {
  return writes()
    .submit({ kind: "send", ...item })
    .then(
      (outcome) => outcome as SendOutcome,
      (error) => Promise.reject(ours(error)),
    );
}

export function submitReceipt(item: Omit<ReceiptItem, "kind">): Promise<ReceiptOutcome> {
  return writes()
    .submit({ kind: "receipt", ...item })
    .then(
      (outcome) => outcome as ReceiptOutcome,
      (error) => Promise.reject(ours(error)),
    );
}
