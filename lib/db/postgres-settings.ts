/**
 * Server settings of the embedded PostgreSQL, passed as `-c` options at every start (issue 12;
 * docs/postgres-tuning.md has what each was measured to do). Durability is not traded: fsync,
 * synchronous_commit and full_page_writes keep their defaults (on), so a commit stu acknowledges
 * is on disk. With DATABASE_URL stu changes nothing on the server: the page lists these for its
 * operator.
 */
export const EMBEDDED_POSTGRES_SETTINGS: Readonly<Record<string, string>> = {
  // History pages of a 10,000,000-message chat touch index and heap pages all over the table; the
  // default 128MB keeps few of them. 512MB is 2% of this machine's memory.
  shared_buffers: "512MB",
  // A group commit writes hundreds of rows' WAL at once; the default (1/32 of shared_buffers) is
  // the same 16MB, written down so it does not shrink if shared_buffers is set lower.
  wal_buffers: "16MB",
  // Checkpoints every 1GB of WAL (the default) came every few seconds at full load, each one
  // followed by a burst of full-page images; 4GB and 15 min spread them out.
  max_wal_size: "4GB",
  min_wal_size: "512MB",
  checkpoint_timeout: "15min",
  // Full-page images compressed (pglz: this build has no lz4/zstd): less WAL to write and fsync.
  wal_compression: "pglz",
  // Data lives on SSD or in the page cache: random reads cost about as much as sequential ones.
  random_page_cost: "1.1",
  effective_cache_size: "4GB",
};

export function postgresSettingArgs(): string[] {
  return Object.entries(EMBEDDED_POSTGRES_SETTINGS).flatMap(([name, value]) => ["-c", `${name}=${value}`]);
}
