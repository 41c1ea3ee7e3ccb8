import type pg from "pg";
import { insertGroup } from "./setup.ts";
import { Samples, type Summary, summarize } from "./stats.ts";

/** A query of the mix, with how many messages of the searcher's chats it matches. */
export type SearchQueryResult = {
  kind: string;
  q: string;
  chatFilter: boolean;
  pageHits: number;
  latency: Summary;
};

export type SearchResult = {
  messages: number;
  chats: number;
  seedSeconds: number;
  tableMiB: number;
  searchIndexesMiB: number;
  /** Every request of the mix together. */
  overall: Summary;
  queries: SearchQueryResult[];
};

/**
 * Message texts: filler words that vary with g, and words of known frequency (a common, a medium and
 * a rare word, a word that "mess" is part of, a Cyrillic word), so that the mix below is a mix of
 * many and few hits.
 */
const TEXT = `concat_ws(' ',
  CASE WHEN g % 10 = 0 THEN 'hello' END,
  CASE WHEN g % 101 = 7 THEN 'meeting' END,
  CASE WHEN g % 10007 = 77 THEN 'zebra' END,
  CASE WHEN g % 20 = 3 THEN 'message' END,
  CASE WHEN g % 1000 = 5 THEN 'привет' END,
  'lorem' || (g % 997), 'ipsum' || (g % 991), 'dolor' || (g % 983), 'sit amet number', g)`;

export const SEARCH_MIX = [
  { kind: "common word (10%)", q: "hello" },
  { kind: "medium word (1%)", q: "meeting" },
  { kind: "rare word (0.01%)", q: "zebra" },
  { kind: "two words", q: "hello meeting" },
  { kind: "partial word", q: "mess" },
  { kind: "rare partial word", q: "zebr" },
  { kind: "Cyrillic word", q: "привет" },
  { kind: "no hit", q: "nothingmatches" },
];

/**
 * `count` messages in `chats` groups the searcher is a member of (so every search looks at all of
 * them), inserted with INSERT … SELECT generate_series in chunks, with the search indexes dropped
 * during the insert and built afterwards (as a bulk load does), then VACUUM ANALYZE.
 */
export async function seedSearch(
  db: pg.Client,
  members: [number, number],
  options: { count: number; chats: number; chunk: number; log: (line: string) => void },
): Promise<{ chatIds: number[]; seedSeconds: number; tableMiB: number; searchIndexesMiB: number }> {
  const started = performance.now();
  const chatIds: number[] = [];
  for (let i = 0; i < options.chats; i++)
    chatIds.push(await insertGroup(db, `search bench ${i + 1}`, members));
  const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND indexname IN ('messages_search_vector_idx', 'messages_text_trgm_idx')`,
  );
  for (const i of indexes) await db.query(`DROP INDEX "${i.indexname}"`);
  for (let from = 1; from <= options.count; from += options.chunk) {
    const to = Math.min(options.count, from + options.chunk - 1);
    await db.query(
      `INSERT INTO messages (chat_id, sender_id, text, created_at)
       SELECT ($1::int[])[1 + (g / 7) % cardinality($1::int[])], CASE WHEN g % 2 = 0 THEN $2::int ELSE $3::int END,
              ${TEXT}, now() - make_interval(secs => ($4::int - g) / 10.0)
       FROM generate_series($5::int, $6::int) AS g`,
      [chatIds, members[0], members[1], options.count, from, to],
    );
    options.log(`  ${to.toLocaleString("en-US")} of ${options.count.toLocaleString("en-US")} rows`);
  }
  for (const i of indexes) await db.query(i.indexdef);
  await db.query("VACUUM ANALYZE messages");
  const { rows } = await db.query<{ table: string; indexes: string }>(
    `SELECT pg_table_size('messages')::text AS table,
            (pg_relation_size('messages_search_vector_idx') + pg_relation_size('messages_text_trgm_idx'))::text AS indexes`,
  );
  const mib = (bytes: string) => Math.round(Number(bytes) / 2 ** 20);
  return {
    chatIds,
    seedSeconds: (performance.now() - started) / 1000,
    tableMiB: mib(rows[0]!.table),
    searchIndexesMiB: mib(rows[0]!.indexes),
  };
}

/**
 * GET /v1/search one request at a time (latency, not throughput), `rounds` of every query of the
 * mix after `warmup` rounds, over all chats and within one chat (chat_id).
 */
export async function timeSearch(options: {
  baseUrl: string;
  token: string;
  chatId: number;
  warmup: number;
  rounds: number;
}): Promise<Pick<SearchResult, "overall" | "queries">> {
  const all = new Samples();
  const get = async (q: string, chatId?: number) => {
    const params = new URLSearchParams({ q, limit: "20", ...(chatId ? { chat_id: String(chatId) } : {}) });
    const started = performance.now();
    const res = await fetch(`${options.baseUrl}/v1/search?${params}`, {
      headers: { authorization: `Bearer ${options.token}` },
    });
    const body = (await res.json()) as { results: unknown[] };
    const elapsed = performance.now() - started;
    if (!res.ok) throw new Error(`GET /v1/search?${params}: ${res.status} ${JSON.stringify(body)}`);
    return { elapsed, hits: body.results.length };
  };
  const queries: SearchQueryResult[] = [];
  for (const chatFilter of [false, true])
    for (const { kind, q } of SEARCH_MIX) {
      const chatId = chatFilter ? options.chatId : undefined;
      for (let i = 0; i < options.warmup; i++) await get(q, chatId);
      const samples = new Samples();
      let pageHits = 0;
      for (let i = 0; i < options.rounds; i++) {
        const { elapsed, hits } = await get(q, chatId);
        samples.push(elapsed);
        all.push(elapsed);
        pageHits = hits;
      }
      queries.push({ kind, q, chatFilter, pageHits, latency: summarize(samples.values()) });
    }
  return { overall: summarize(all.values()), queries };
}

/** The search scenario's part of the bench page. */
export function searchBlock(s: SearchResult | null | undefined): string[] {
  if (!s) return ["Not measured."];
  const n = (v: number) => v.toLocaleString("en-US");
  const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
  return [
    `${n(s.messages)} messages in ${n(s.chats)} groups the searcher is a member of (its own database), seeded with INSERT … SELECT generate_series in **${s.seedSeconds.toFixed(1)} s** (search indexes built after the rows; table ${n(s.tableMiB)} MiB, search_vector GIN + text trigram GIN ${n(s.searchIndexesMiB)} MiB). GET /v1/search?q=&limit=20, one request at a time: **p50 ${ms(s.overall.p50)}, p99 ${ms(s.overall.p99)}** over ${n(s.overall.count)} requests.`,
    "",
    "| query | q | chat_id | requests | hits on the page | p50 | p95 | p99 | max |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...s.queries.map(
      (q) =>
        `| ${q.kind} | \`${q.q}\` | ${q.chatFilter ? "one chat" : "all"} | ${n(q.latency.count)} | ${q.pageHits} | ${ms(q.latency.p50)} | ${ms(q.latency.p95)} | ${ms(q.latency.p99)} | ${ms(q.latency.max)} |`,
    ),
  ];
}
