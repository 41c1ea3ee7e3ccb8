import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type SearchResult, seedSearch, timeSearch } from "./search.ts";
import { startStu } from "./stu-system.ts";

/**
 * The search row: a stu of its own (its own embedded PostgreSQL), `messages` messages seeded with
 * SQL, then GET /v1/search timed for the query mix of search.ts. Stops what it started.
 */
export async function runSearchScenario(options: {
  messages: number;
  chats: number;
  chunk: number;
  warmup: number;
  rounds: number;
  log: (line: string) => void;
}): Promise<SearchResult> {
  const { log } = options;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "stu-bench-search-"));
  const probeDir = mkdtempSync(path.join(os.tmpdir(), "stu-bench-search-probe-"));
  const stu = await startStu({ users: 2, groupSize: 2, dataDir, probeDir, log });
  try {
    const [searcher, other] = stu.users;
    log(`search: seeding ${options.messages.toLocaleString("en-US")} messages into ${options.chats} groups`);
    const seeded = await seedSearch(stu.sql, [searcher!.id, other!.id], {
      ...options,
      count: options.messages,
    });
    log(`search: seeded in ${seeded.seedSeconds.toFixed(1)} s; timing GET /v1/search`);
    const timed = await timeSearch({
      baseUrl: stu.url,
      token: searcher!.token,
      chatId: seeded.chatIds[0]!,
      warmup: options.warmup,
      rounds: options.rounds,
    });
    log(
      `search: p50 ${timed.overall.p50} ms, p99 ${timed.overall.p99} ms over ${timed.overall.count} requests`,
    );
    return {
      messages: options.messages,
      chats: options.chats,
      seedSeconds: seeded.seedSeconds,
      tableMiB: seeded.tableMiB,
      searchIndexesMiB: seeded.searchIndexesMiB,
      ...timed,
    };
  } finally {
    await stu.stop();
    for (const dir of [dataDir, probeDir]) rmSync(dir, { recursive: true, force: true });
  }
}
