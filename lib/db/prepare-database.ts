import type { Config } from "../config/env.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations } from "./migrate.ts";

export type PreparedDatabase = { url: string; embedded: boolean; stop(): Promise<void> };

/** DATABASE_URL when set, otherwise an embedded PostgreSQL in the data directory; then migrations. */
export async function prepareDatabase(
  config: Config,
  log: (line: string) => void,
  events: { onGiveUp?: (reason: string) => void } = {},
): Promise<PreparedDatabase> {
  let prepared: PreparedDatabase;
  if (config.databaseUrl) {
    prepared = { url: config.databaseUrl, embedded: false, stop: async () => {} };
  } else {
    const pg = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      log,
      onGiveUp: events.onGiveUp,
    });
    prepared = { url: pg.url, embedded: true, stop: pg.stop };
  }
  try {
    await applyMigrations({ databaseUrl: prepared.url, log });
  } catch (error) {
    await prepared.stop();
    throw error;
  }
  return prepared;
}
