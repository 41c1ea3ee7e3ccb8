import { PrismaPg } from "@prisma/adapter-pg";
import { getConfig } from "../config/env.ts";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;
export { Prisma } from "./generated/client.ts";

const CLIENT = Symbol.for("stu.prisma");
type WithClient = typeof globalThis & { [CLIENT]?: PrismaClient };

/**
 * The one Prisma client of the process, shared by Next's route handlers and server/ (they load
 * separate copies of this module, hence globalThis).
 */
export function getDb(): PrismaClient {
  const g = globalThis as WithClient;
  if (!g[CLIENT]) {
    const config = getConfig();
    const url = config.databaseUrl ?? process.env.DATABASE_URL;
    if (!url) throw new Error("the database is not started yet (no DATABASE_URL)");
    const timeouts = config.databaseTimeouts;
    // A few connections stay open and idle ones live a minute: opening a burst of connections
    // when load arrives stalls the first requests (measured by the benchmark).
    // The three timeouts bound every wait on PostgreSQL: a hung server (or network) fails the
    // request with a 503 instead of holding it forever. statement_timeout lets PostgreSQL cancel
    // a slow statement itself; query_timeout is the client's own limit for when it cannot.
    g[CLIENT] = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: url,
        max: 20,
        min: 4,
        idleTimeoutMillis: 60_000,
        connectionTimeoutMillis: timeouts.connectMs,
        statement_timeout: timeouts.statementMs,
        query_timeout: timeouts.queryMs,
      }),
    });
  }
  return g[CLIENT];
}

export async function disconnectDb(): Promise<void> {
  const g = globalThis as WithClient;
  await g[CLIENT]?.$disconnect();
  g[CLIENT] = undefined;
}
