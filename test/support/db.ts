import pg from "pg";
import { inject } from "vitest";

/** Direct SQL on the test server's database, to set up states that otherwise take real time (expiry). */
export async function sql<T extends pg.QueryResultRow = any>(
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
