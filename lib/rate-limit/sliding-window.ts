import { AppError } from "../http/app-error.ts";

export type Rule = { name: string; limit: number; windowSeconds: number };

type Bucket = { hits: number[] };

const STORE = Symbol.for("stu.rate-limit");
type WithStore = typeof globalThis & { [STORE]?: Map<string, Bucket> };

// In memory, per process. With several instances each enforces its own window (documented in the
// README); a shared Redis store belongs with the Redis bus.
function store(): Map<string, Bucket> {
  const g = globalThis as WithStore;
  if (!g[STORE]) {
    g[STORE] = new Map();
    setInterval(() => sweep(g[STORE]!), 60_000).unref();
  }
  return g[STORE];
}

function sweep(map: Map<string, Bucket>): void {
  const now = Date.now();
  for (const [key, bucket] of map) {
    const newest = bucket.hits[bucket.hits.length - 1] ?? 0;
    if (now - newest > 24 * 3600_000) map.delete(key);
  }
}

function live(rule: Rule, key: string, now: number): Bucket {
  const id = `${rule.name}:${key}`;
  let bucket = store().get(id);
  if (!bucket) {
    bucket = { hits: [] };
    store().set(id, bucket);
  }
  const from = now - rule.windowSeconds * 1000;
  while (bucket.hits.length && bucket.hits[0]! <= from) bucket.hits.shift();
  return bucket;
}

function tooMany(rule: Rule, bucket: Bucket, now: number): AppError {
  const retryAfter = Math.max(1, Math.ceil((bucket.hits[0]! + rule.windowSeconds * 1000 - now) / 1000));
  return new AppError("rate_limited", 429, `Too many attempts. Try again in ${retryAfter} seconds.`, {
    headers: { "Retry-After": String(retryAfter) },
  });
}

/** Throws 429 when the key already used up its window. */
export function assertAllowed(rule: Rule, key: string): void {
  const now = Date.now();
  const bucket = live(rule, key, now);
  if (bucket.hits.length >= rule.limit) throw tooMany(rule, bucket, now);
}

/** Counts one attempt against the key. */
export function recordHit(rule: Rule, key: string): void {
  live(rule, key, Date.now()).hits.push(Date.now());
}

/** Checks, then counts: for limits on every attempt rather than on failures only. */
export function consume(rule: Rule, key: string): void {
  assertAllowed(rule, key);
  recordHit(rule, key);
}
