import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { getDb, Prisma } from "../db/client.ts";
import type { AuditActorKind, AuditEntry } from "../db/generated/client.ts";

export const GENESIS_HASH = "0".repeat(64);

// Every append takes this transaction-level lock: entries are chained one at a time, never forked.
const CHAIN_LOCK = Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('stu:audit_log'))`;

export type AuditInput = {
  actorId: number | null;
  actorKind: AuditActorKind;
  action: string;
  targetUserId?: number | null;
  messageId?: number | null;
  reportId?: number | null;
  reason?: string;
  details?: Record<string, unknown>;
};

type Hashed = Pick<
  AuditEntry,
  "id" | "at" | "actorId" | "actorKind" | "action" | "targetUserId" | "messageId" | "reportId" | "reason"
> & { details: unknown };

/** sha256_hex(prev_hash + "\n" + canonical JSON (RFC 8785) of the entry's content). */
export function entryHash(prevHash: string, e: Hashed): string {
  const content = canonicalize({
    id: e.id,
    at: e.at.toISOString(),
    actor_id: e.actorId,
    actor_kind: e.actorKind,
    action: e.action,
    target_user_id: e.targetUserId,
    message_id: e.messageId,
    report_id: e.reportId,
    reason: e.reason,
    details: e.details,
  });
  return createHash("sha256").update(`${prevHash}\n${content}`).digest("hex");
}

/**
 * Appends one entry, inside the caller's transaction (so an action and its record commit together).
 * Under the chain lock the id is taken first, so that the hash can cover it.
 */
export async function appendAudit(tx: Prisma.TransactionClient, input: AuditInput): Promise<AuditEntry> {
  await tx.$executeRaw(CHAIN_LOCK);
  const head = await tx.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const [{ id }] = (await tx.$queryRaw<{ id: number }[]>(
    Prisma.sql`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::int AS id`,
  )) as [{ id: number }];
  const entry: Hashed = {
    id,
    at: new Date(),
    actorId: input.actorId,
    actorKind: input.actorKind,
    action: input.action,
    targetUserId: input.targetUserId ?? null,
    messageId: input.messageId ?? null,
    reportId: input.reportId ?? null,
    reason: input.reason ?? "",
    // What the database will give back: JSON without undefined members.
    details: JSON.parse(JSON.stringify(input.details ?? {})),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  return tx.auditEntry.create({
    data: {
      ...entry,
      details: entry.details as Prisma.InputJsonValue,
      prevHash,
      hash: entryHash(prevHash, entry),
    },
  });
}

/** Appends one entry in a transaction of its own. */
export function recordAudit(input: AuditInput): Promise<AuditEntry> {
  return getDb().$transaction((tx) => appendAudit(tx, input));
}

export type ChainCheck = {
  ok: boolean;
  entries: number;
  head_hash: string | null;
  first_bad_id: number | null;
};

const PAGE = 1000;

/**
 * Walks the chain in id order, recomputing every hash and checking every link; reports the first
 * entry that does not match (an edit, a removal or an insertion shows there).
 */
export async function verifyAuditChain(): Promise<ChainCheck> {
  const db = getDb();
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let firstBad: number | null = null;
  let afterId = 0;
  for (;;) {
    const page = await db.auditEntry.findMany({
      where: { id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    for (const entry of page) {
      entries += 1;
      if (firstBad === null && (entry.prevHash !== prevHash || entry.hash !== entryHash(prevHash, entry))) {
        firstBad = entry.id;
      }
      prevHash = entry.hash;
    }
    if (page.length < PAGE) break;
    afterId = page.at(-1)!.id;
  }
  return {
    ok: firstBad === null,
    entries,
    head_hash: entries ? prevHash : null,
    first_bad_id: firstBad,
  };
}
