import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getConfig } from "../config/env.ts";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;
export { Prisma } from "./generated/client.ts";

const STATE = Symbol.for("stu.prisma");
type State = { client: PrismaClient; pool: pg.Pool };
type WithState = typeof globalThis & { [STATE]?: State };

function state(): State {
  const g = globalThis as WithState;
  if (!g[STATE]) {
    const config = getConfig();
    const url = config.databaseUrl ?? process.env.DATABASE_URL;
    if (!url) throw new Error("the database is not started yet (no DATABASE_URL)");
    const timeouts = config.databaseTimeouts;
    // A few connections stay open and idle ones live a minute: opening a burst of connections
    // when load arrives stalls the first requests (measured by the benchmark).
    // The three timeouts bound every wait on PostgreSQL: a hung server (or network) fails the
    // request with a 503 instead of holding it forever. statement_timeout lets PostgreSQL cancel
    // a slow statement itself; query_timeout is the client's own limit for when it cannot.
    const pool = new pg.Pool({
      connectionString: url,
      max: 20,
      min: 4,
      idleTimeoutMillis: 60_000,
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      query_timeout: timeouts.queryMs,
    });
    // An idle connection that breaks (PostgreSQL restarted) is dropped by the pool; without a
    // listener the error would crash the process.
    pool.on("error", (error) => console.error(`[stu] database connection lost: ${error.message}`));
    g[STATE] = { pool, client: new PrismaClient({ adapter: new PrismaPg(pool) }) };
  }
  return g[STATE];
}

/**
 * The one Prisma client of the process, shared by Next's route handlers and server/ (they load
 * separate copies of this module, hence globalThis).
 */
export function getDb(): PrismaClient {
  return state().client;
}

/**
 * The pg pool under that client, for the hot paths that pay for plain prepared SQL (the socket's
 * sends and receipts, history pages): same connections, same timeouts.
 */
export function getPool(): pg.Pool {
  return state().pool;
}

export async function disconnectDb(): Promise<void> {
  const g = globalThis as WithState;
  const current = g[STATE];
  g[STATE] = undefined;
  await current?.client.$disconnect();
  await current?.pool.end().catch(() => {});
}
