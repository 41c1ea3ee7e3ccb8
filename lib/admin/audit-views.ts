import { getDb } from "../db/client.ts";
import type { AuditEntry } from "../db/generated/client.ts";
import { toUserSummary, type UserSummary } from "../users/summary.ts";

export type AuditEntryView = {
  id: number;
  at: string;
  actor: UserSummary | null;
  actor_kind: AuditEntry["actorKind"];
  action: string;
  target_user: UserSummary | null;
  message_id: number | null;
  report_id: number | null;
  reason: string;
  details: unknown;
  prev_hash: string;
  hash: string;
};

/** Summaries of the people entries name, in one look-up (the log keeps ids only). */
export async function summariesOf(ids: Array<number | null>): Promise<Map<number, UserSummary>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  const users = await getDb().user.findMany({ where: { id: { in: wanted } } });
  return new Map(users.map((u) => [u.id, toUserSummary(u)]));
}

export async function toAuditViews(entries: AuditEntry[]): Promise<AuditEntryView[]> {
  const people = await summariesOf(entries.flatMap((e) => [e.actorId, e.targetUserId]));
  return entries.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actorId === null ? null : (people.get(e.actorId) ?? null),
    actor_kind: e.actorKind,
    action: e.action,
    target_user: e.targetUserId === null ? null : (people.get(e.targetUserId) ?? null),
    message_id: e.messageId,
    report_id: e.reportId,
    reason: e.reason,
    details: e.details,
    prev_hash: e.prevHash,
    hash: e.hash,
  }));
}

export async function toAuditView(entry: AuditEntry): Promise<AuditEntryView> {
  return (await toAuditViews([entry]))[0]!;
}
