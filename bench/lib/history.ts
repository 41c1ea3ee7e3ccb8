import type pg from "pg";
import { insertGroup } from "./setup.ts";
import { Samples, type Summary, summarize } from "./stats.ts";

export type HistoryResult = {
  messages: number;
  seedSeconds: number;
  chatId: number;
  minId: number;
  maxId: number;
  firstPage: Summary;
  beforeId: Summary;
  afterId: Summary;
  /** The page's own SELECT sent straight to PostgreSQL (no HTTP, no Next, no Prisma). */
  sqlBeforeId: Summary;
  pageSizeOk: boolean;
};

/** A chat of two with `count` messages, inserted by one INSERT … SELECT generate_series. */
export async function seedHistory(
  db: pg.Client,
  members: [number, number],
  count: number,
): Promise<{ chatId: number; minId: number; maxId: number; seedSeconds: number }> {
  const started = performance.now();
  const chatId = await insertGroup(db, "history bench", members);
  await db.query(
    `INSERT INTO messages (chat_id, sender_id, text, created_at)
     SELECT $1, CASE WHEN g % 2 = 0 THEN $2::int ELSE $3::int END,
            'history message ' || g || ' lorem ipsum dolor sit amet, consectetur adipiscing elit',
            now() - make_interval(secs => ($4::int - g) / 10.0)
     FROM generate_series(1, $4::int) AS g`,
    [chatId, members[0], members[1], count],
  );
  const { rows } = await db.query<{ min: number; max: number }>(
    "SELECT min(id) AS min, max(id) AS max FROM messages WHERE chat_id = $1",
    [chatId],
  );
  const { min, max } = rows[0]!;
  await db.query("UPDATE chats SET last_message_id = $2, last_activity_at = now() WHERE id = $1", [
    chatId,
    max,
  ]);
  await db.query("ANALYZE messages");
  return { chatId, minId: min, maxId: max, seedSeconds: (performance.now() - started) / 1000 };
}

/** Times history pages one request at a time (latency, not throughput). */
export async function timeHistory(
  baseUrl: string,
  token: string,
  db: pg.Client,
  seeded: { chatId: number; minId: number; maxId: number },
  counts: { warmup: number; first: number; before: number; after: number },
): Promise<Omit<HistoryResult, "messages" | "seedSeconds" | "chatId" | "minId" | "maxId">> {
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
