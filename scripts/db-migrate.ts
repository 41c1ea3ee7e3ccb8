// npm run db:migrate – apply pending migrations (to DATABASE_URL, or the embedded PostgreSQL)
import { ConfigError } from "../lib/config/config-error.ts";
import { loadDotEnv } from "../lib/config/dot-env.ts";
import { getConfig } from "../lib/config/env.ts";
import { prepareDatabase } from "../lib/db/prepare-database.ts";

const log = (line: string) => console.log(`[stu] ${line}`);
loadDotEnv(process.cwd());
try {
  const database = await prepareDatabase(getConfig(), log);
  log("database is up to date");
  await database.stop();
} catch (error) {
  console.error(
    `stu: ${error instanceof ConfigError ? error.message : `migration failed: ${(error as Error).message}`}`,
  );
  process.exit(1);
}
