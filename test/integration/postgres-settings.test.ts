import { describe, expect, it } from "vitest";
import { EMBEDDED_POSTGRES_SETTINGS } from "../../lib/db/postgres-settings.ts";
import { sql } from "../support/db.ts";

const setting = async (name: string) =>
  (
    await sql<{ setting: string; unit: string | null }>(
      "SELECT setting, unit FROM pg_settings WHERE name = $1",
      [name],
    )
  )[0];

/** "512MB" as PostgreSQL reports it: a count of its unit ("8kB" pages, "MB", "s"...). */
function inUnit(value: string, unit: string | null): string {
  const m = /^(\d+)(kB|MB|GB|min|s)?$/.exec(value);
  if (!m?.[2] || !unit) return value;
  const bytes: Record<string, number> = { kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
  const seconds: Record<string, number> = { s: 1, min: 60 };
  const u = /^(\d*)(kB|MB|GB|s|min|ms)$/.exec(unit);
  if (!u) return value;
  const per = Number(u[1] || 1);
  const amount = Number(m[1]);
  if (m[2] in bytes && u[2]! in bytes) return String((amount * bytes[m[2]]!) / (per * bytes[u[2]!]!));
  if (m[2] in seconds && u[2]! in seconds) return String((amount * seconds[m[2]]!) / (per * seconds[u[2]!]!));
  return value;
}

describe("the embedded PostgreSQL", () => {
  it("runs with the settings of lib/db/postgres-settings.ts", async () => {
    for (const [name, value] of Object.entries(EMBEDDED_POSTGRES_SETTINGS)) {
      const row = await setting(name);
      expect(row, name).toBeDefined();
      expect({ name, value: row!.setting }).toEqual({ name, value: inUnit(value, row!.unit) });
    }
  });

  it("keeps every commit durable: fsync, synchronous_commit and full_page_writes stay on", async () => {
    for (const name of ["fsync", "synchronous_commit", "full_page_writes"]) {
      expect({ name, value: (await setting(name))!.setting }).toEqual({ name, value: "on" });
    }
  });
});
