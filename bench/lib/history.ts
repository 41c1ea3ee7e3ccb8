import http from "node:http";
import type pg from "pg";
import { CpuMeter, type CpuUse } from "./proc.ts";
import { insertGroup } from "./setup.ts";
import { Samples, type Summary, summarize } from "./stats.ts";

export type HistoryResult = SeedResult & {
  messages: number;
  firstPage: Summary;
  beforeId: Summary;
  afterId: Summary;
  /** The page's own SELECT sent straight to PostgreSQL (no HTTP, no Next, no Prisma). */
  sqlBeforeId: Summary;
  pageSizeOk: boolean;
  concurrent: ConcurrentHistory | null;
};

export type ConcurrentHistory = {
  readers: number;
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  latency: Summary;
  errors: Record<string, number>;
  /** Of the pages checked (every 20th), how many did not hold 50 messages. */
  shortPages: number;
  cpu: CpuUse;
};

export type SeedResult = {
  chatId: number;
  minId: number;
  maxId: number;
  /** Everything: rows, indexes, VACUUM ANALYZE. */
  seedSeconds: number;
  insertSeconds: number;
  indexSeconds: number;
  vacuumSeconds: number;
  chunk: number;
  parallel: number;
  /** How the indexes were there: kept during the insert, or dropped and created again after it. */
  indexes: "kept" | "rebuilt";
  indexNames: string[];
  tableMiB: number;
  indexesMiB: number;
};

/**
 * A chat of two members with `count` messages, inserted with INSERT … SELECT generate_series in
 * chunks of `chunk` rows (one statement and commit each). With `rebuildIndexes` the secondary
 * indexes of messages are dropped first and created again afterwards from their own definitions
 * (pg_indexes.indexdef, i.e. exactly as the migrations made them) — what a bulk load does; the
 * primary key stays. Then VACUUM ANALYZE, as autovacuum would do after so many inserts, so that the
 * timed reads do not pay for setting hint bits.
 */
export async function seedHistory(
  db: pg.Client,
  members: [number, number],
  count: number,
  options: {
    chunk?: number;
    rebuildIndexes?: boolean;
    /** Connections inserting chunks at once (the extra ones from `connect`). */
    parallel?: number;
    connect?: () => Promise<pg.Client>;
    log?: (line: string) => void;
  } = {},
): Promise<SeedResult> {
  const chunk = options.chunk ?? 1_000_000;
  const log = options.log ?? (() => {});
  const started = performance.now();
  const chatId = await insertGroup(db, "history bench", members);
  const { rows: indexRows } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = 'messages'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
     ORDER BY i.indexname`,
  );
  if (options.rebuildIndexes)
    for (const i of indexRows) await db.query(`DROP INDEX "${i.indexname.replaceAll('"', '""')}"`);
  // The ids are reserved up front and given explicitly (id = base + g), so that chunks may run on
  // several connections at once and ids still follow created_at, as if sent one after another.
  const { rows: reserved } = await db.query<{ base: string }>(
    `SELECT nextval(pg_get_serial_sequence('messages', 'id'))::text AS base`,
  );
  const base = Number(reserved[0]!.base);
  await db.query(`SELECT setval(pg_get_serial_sequence('messages', 'id'), $1::bigint)`, [base + count]);
  const chunks: Array<[number, number]> = [];
  for (let from = 1; from <= count; from += chunk) chunks.push([from, Math.min(count, from + chunk - 1)]);
  const extra: pg.Client[] = [];
  for (let i = 1; i < (options.parallel ?? 1) && options.connect; i++) extra.push(await options.connect());
  const extraCount = extra.length;
  let rowsDone = 0;
  try {
    await Promise.all(
      [db, ...extra].map(async (conn) => {
        for (let next = chunks.shift(); next; next = chunks.shift()) {
          await conn.query(
            `INSERT INTO messages (id, chat_id, sender_id, text, created_at)
             SELECT $7::int + g, $1, CASE WHEN g % 2 = 0 THEN $2::int ELSE $3::int END,
                    'history message ' || g || ' lorem ipsum dolor sit amet, consectetur adipiscing elit',
                    now() - make_interval(secs => ($4::int - g) / 10.0)
             FROM generate_series($5::int, $6::int) AS g`,
            [chatId, members[0], members[1], count, next[0], next[1], base],
          );
          rowsDone += next[1] - next[0] + 1;
          if (rowsDone < count)
            log(`  ${rowsDone.toLocaleString("en-US")} of ${count.toLocaleString("en-US")} rows`);
        }
      }),
    );
  } finally {
    for (const c of extra) await c.end().catch(() => {});
  }
  const inserted = performance.now();
  if (options.rebuildIndexes) for (const i of indexRows) await db.query(i.indexdef);
  const indexed = performance.now();
  const { rows } = await db.query<{ min: number; max: number }>(
    "SELECT min(id) AS min, max(id) AS max FROM messages WHERE chat_id = $1",
    [chatId],
  );
  const { min, max } = rows[0]!;
  await db.query("UPDATE chats SET last_message_id = $2, last_activity_at = now() WHERE id = $1", [
    chatId,
    max,
  ]);
  await db.query("VACUUM ANALYZE messages");
  const done = performance.now();
  const { rows: size } = await db.query<{ table: string; indexes: string }>(
    "SELECT pg_table_size('messages')::text AS table, pg_indexes_size('messages')::text AS indexes",
  );
  const mib = (bytes: string) => Math.round(Number(bytes) / 2 ** 20);
  return {
    chatId,
    minId: min,
    maxId: max,
    seedSeconds: (done - started) / 1000,
    insertSeconds: (inserted - started) / 1000,
    indexSeconds: (indexed - inserted) / 1000,
    vacuumSeconds: (done - indexed) / 1000,
    chunk,
    parallel: 1 + extraCount,
    indexes: options.rebuildIndexes ? "rebuilt" : "kept",
    indexNames: ["messages_pkey", ...indexRows.map((i) => i.indexname)],
    tableMiB: mib(size[0]!.table),
    indexesMiB: mib(size[0]!.indexes),
  };
}

/** Times history pages one request at a time (latency, not throughput). */
export async function timeHistory(
  baseUrl: string,
  token: string,
  db: pg.Client,
  seeded: { chatId: number; minId: number; maxId: number },
  counts: { warmup: number; first: number; before: number; after: number },
): Promise<Pick<HistoryResult, "firstPage" | "beforeId" | "afterId" | "sqlBeforeId" | "pageSizeOk">> {
  const { chatId, minId, maxId } = seeded;
  const span = maxId - minId;
  let pageSizeOk = true;
  const get = async (query: string): Promise<number> => {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/v1/chats/${chatId}/messages?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as unknown[];
    const elapsed = performance.now() - started;
    if (!res.ok) throw new Error(`GET history ${query}: ${res.status} ${JSON.stringify(body)}`);
    if (body.length !== 50) pageSizeOk = false;
    return elapsed;
  };
  // Cursors far enough from both ends that every page is full.
  const randomCursor = () => minId + 60 + Math.floor(Math.random() * (span - 120));
  const run = async (n: number, query: () => string): Promise<Summary> => {
    const samples = new Samples();
    for (let i = 0; i < n; i++) samples.push(await get(query()));
    return summarize(samples.values());
  };
  await run(counts.warmup, () => `limit=50&before_id=${randomCursor()}`);
  const firstPage = await run(counts.first, () => "limit=50");
  const beforeId = await run(counts.before, () => `limit=50&before_id=${randomCursor()}`);
  const afterId = await run(counts.after, () => `limit=50&after_id=${randomCursor()}`);
  const sql = new Samples();
  for (let i = 0; i < counts.warmup + counts.before; i++) {
    const started = performance.now();
    await db.query("SELECT * FROM messages WHERE chat_id = $1 AND id < $2 ORDER BY id DESC LIMIT 50", [
      chatId,
      randomCursor(),
    ]);
    if (i >= counts.warmup) sql.push(performance.now() - started);
  }
  return { firstPage, beforeId, afterId, sqlBeforeId: summarize(sql.values()), pageSizeOk };
}

/**
 * `readers` concurrent readers, each on its own keep-alive HTTP connection, each asking for the
 * next page (limit 50, random before_id) as soon as the last one arrived, for `durationMs` after
 * `warmupMs` not counted. The readers take the two members' tokens in turn.
 */
export async function concurrentHistory(options: {
  baseUrl: string;
  tokens: string[];
  seeded: { chatId: number; minId: number; maxId: number };
  readers: number;
  durationMs: number;
  warmupMs: number;
  pids: { server: number; postgres: number };
}): Promise<ConcurrentHistory> {
  const { chatId, minId, maxId } = options.seeded;
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.readers });
  const span = maxId - minId;
  const samples = new Samples();
  const errors: Record<string, number> = {};
  let shortPages = 0;
  let n = 0;
  const get = (token: string, check: boolean): Promise<number> =>
    new Promise((resolve) => {
      const started = performance.now();
      const before = minId + 60 + Math.floor(Math.random() * (span - 120));
      const req = http.get(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: `/v1/chats/${chatId}/messages?limit=50&before_id=${before}`,
          headers: { authorization: `Bearer ${token}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => {
            if (check) chunks.push(c);
          });
          res.on("end", () => {
            const elapsed = performance.now() - started;
            if (res.statusCode !== 200)
              errors[`http ${res.statusCode}`] = (errors[`http ${res.statusCode}`] ?? 0) + 1;
            else if (check && (JSON.parse(Buffer.concat(chunks).toString()) as unknown[]).length !== 50)
              shortPages += 1;
            resolve(elapsed);
          });
          res.on("error", () => resolve(Number.NaN));
        },
      );
      req.on("error", (e: NodeJS.ErrnoException) => {
        errors[e.code ?? "error"] = (errors[e.code ?? "error"] ?? 0) + 1;
        resolve(Number.NaN);
      });
    });
  const t0 = performance.now();
  const measureFrom = t0 + options.warmupMs;
  const end = measureFrom + options.durationMs;
  let meter: CpuMeter | null = null;
  const reader = async (r: number) => {
    const token = options.tokens[r % options.tokens.length]!;
    for (;;) {
      const startedAt = performance.now();
      if (startedAt >= end) return;
      if (!meter && startedAt >= measureFrom) meter = new CpuMeter(options.pids);
      const elapsed = await get(token, n++ % 20 === 0);
      if (startedAt >= measureFrom && Number.isFinite(elapsed)) samples.push(elapsed);
    }
  };
  await Promise.all(Array.from({ length: options.readers }, (_, r) => reader(r)));
  const cpu = (meter ?? new CpuMeter(options.pids)).read();
  agent.destroy();
  const durationS = (performance.now() - measureFrom) / 1000;
  return {
    readers: options.readers,
    durationS: Math.round(durationS * 10) / 10,
    requests: samples.length,
    requestsPerSecond: Math.round(samples.length / durationS),
    latency: summarize(samples.values()),
    errors,
    shortPages,
    cpu,
  };
}
