/**
 * The one interface the load generator speaks, so that stu (bench/lib/stu-system.ts) and a peer
 * (bench/peer/, e.g. ejabberd over XMPP) run exactly the same load: the same users, dialog pairs,
 * groups, rates and durations.
 *
 * Users are numbered 0..n-1 on both systems. User i's dialog partner is `partnerOf(i)` (pairs
 * (0,1), (2,3), …); group g holds users g·groupSize … (g+1)·groupSize − 1 (`groupMembers`).
 */

/** What a client reports to the load generator. Times are performance.now() of this process. */
export type LoadEvents = {
  /** The sender's acknowledgement of message `id` (stu: `message_sent`; see BenchSystem.ackMeaning). */
  ack(id: string, at: number): void;
  /**
   * A recipient got message `id` (called once per recipient). `recipient` is the recipient's user
   * index: pass it (the bench then tells a duplicate from a missing delivery, and checks per-chat
   * order per recipient).
   */
  deliver(id: string, at: number, recipient?: number): void;
  /** The system refused message `id` (`code`: its error code, e.g. rate_limited, overloaded). */
  fail(id: string, code: string): void;
};

export type SendTarget = { user: number } | { group: number };

export interface BenchClient {
  readonly index: number; // user index 0..n-1
  /**
   * Sends message `id` to a dialog partner (user index) or a group (group index). `id` is unique
   * per run and travels with the message (stu: temp_id; XMPP: the stanza id / origin-id), so that
   * its ACK and deliveries can be matched to it. Recipients acknowledge delivery as real clients
   * do (stu: a `delivered` frame; XMPP: the XEP-0184 receipt) without being asked by the bench.
   */
  send(id: string, target: SendTarget, text: string): void;
  close(): Promise<void>;
}

/** Memory of idle, authenticated connections on a system's server process. */
export type IdleMemory = {
  sockets: number;
  /** Server VmRSS with no bench connection open (after a full GC where the system allows one). */
  idleRssKiB: number;
  /** (RSS with `sockets` open − RSS without them) / sockets. */
  perSocketKiB: number;
  /** The largest of several estimates, where a system has more than one (held against targets). */
  worstPerSocketKiB?: number;
  /** Anything system-specific worth keeping (readings, method). */
  detail?: unknown;
};

/** A system under test, started with its users, dialogs and groups in place. */
export interface BenchSystem {
  readonly name: string; // "stu", "ejabberd"
  /** CPU is counted for the server process and the PostgreSQL postmaster with all its backends. */
  readonly pids: { server: number; postgres: number };
  /** What the sender's acknowledgement guarantees (for the report). */
  readonly ackMeaning: string;
  /** How recipients acknowledge delivery (for the report). */
  readonly deliveryAckMeaning: string;
  /** One connected, authenticated client per user, in user order (clients[i].index === i). */
  clients(events: LoadEvents): Promise<BenchClient[]>;
  /** Opens `count` extra idle connections, measures, closes them. */
  idle(count: number): Promise<IdleMemory>;
  /**
   * How many distinct messages whose id starts with `prefix` (e.g. "p7-") are stored in the
   * system's PostgreSQL, each counted once (an XMPP archive may hold a 1:1 message twice, once per
   * user's archive). The text of every message starts with "bench <id> ", for systems that
   * store no id.
   */
  stored(prefix: string): Promise<number>;
  /**
   * Write transactions the system's PostgreSQL has run so far, if known: the transaction ids it
   * assigned (`SELECT pg_current_xact_id()`, which itself takes one). Every one of them ends in a
   * WAL flush at commit; read-only ones do not. Exact at once, unlike pg_stat_database, which
   * lags by up to seconds.
   */
  commits?(): Promise<number>;
  /**
   * Where the bench may connect to the system's PostgreSQL for read-only counts of its own; with
   * it the bench reads the write transactions itself (as commits() describes) for every system
   * alike, and commits() is not used.
   */
  readonly databaseUrl?: string;
  /** e.g. "ejabberd 23.01 (Debian), PostgreSQL 15.x": for the report. */
  readonly version?: string;
  /** How many groups of `groupSize` it set up (0: no group runs; absent: the number asked for). */
  readonly groups?: number;
  /** Cumulative counters the report shows per run as differences (e.g. receipts sent, errors). */
  counters?(): Record<string, number>;
  stop(): Promise<void>;
}

export const partnerOf = (user: number): number => user ^ 1;

export const groupMembers = (group: number, groupSize: number): number[] =>
  Array.from({ length: groupSize }, (_, m) => group * groupSize + m);
