import {
  BurstyRateLimiter,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterRes,
} from "rate-limiter-flexible";
import { getConfig } from "../config/env.ts";
import { AppError } from "../http/app-error.ts";
import { connectRedis } from "../realtime/redis.ts";

/**
 * At most `limit` hits per key in a window of `windowSeconds` that opens at the key's first hit.
 * `burst` allows that many more hits in its own, longer window once the first is used up.
 */
export type Rule = {
  name: string;
  limit: number;
  windowSeconds: number;
  burst?: { limit: number; windowSeconds: number };
};

type Limiters = { main: RateLimiterAbstract; consume: Pick<BurstyRateLimiter, "consume"> };

const STATE = Symbol.for("stu.rate-limit");
type State = { limiters: Map<string, Limiters>; redis?: ReturnType<typeof connectRedis> };
type WithState = typeof globalThis & { [STATE]?: State };

// Shared by route handlers and the socket server, which load separate copies of this module.
function state(): State {
  const g = globalThis as WithState;
  g[STATE] ??= { limiters: new Map() };
  return g[STATE];
}

/**
 * With REDIS_URL the windows live in Redis, shared by every instance; while Redis is unreachable
 * each instance falls back to its own in-memory window (the insurance limiter), so an outage never
 * blocks sign-ins or sends.
 */
function limiter(name: string, points: number, duration: number): RateLimiterAbstract {
  const keyPrefix = `stu:rl:${name}`;
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  const url = getConfig().redisUrl;
  if (!url) return memory;
  const s = state();
  // No offline queue, and a hung command is given up after a second: the insurance answers instead.
  s.redis ??= connectRedis(url, "rate-limit", { commandTimeout: 1000 });
  return new RateLimiterRedis({
    storeClient: s.redis,
    keyPrefix,
    points,
    duration,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

function limitersFor(rule: Rule): Limiters {
  const cached = state().limiters.get(rule.name);
  if (cached) return cached;
  const main = limiter(rule.name, rule.limit, rule.windowSeconds);
  const consume = rule.burst
    ? new BurstyRateLimiter(main, limiter(`${rule.name}:burst`, rule.burst.limit, rule.burst.windowSeconds))
    : main;
  const made = { main, consume };
  state().limiters.set(rule.name, made);
  return made;
}

function tooMany(msBeforeNext: number, message: string): AppError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError("rate_limited", 429, `${message} Try again in ${retryAfter} seconds.`, {
    headers: { "Retry-After": String(retryAfter) },
  });
}

const TOO_MANY_ATTEMPTS = "Too many attempts.";

// The limiters live on globalThis and may come from another copy of the library (Next's bundle),
// so a refusal is recognised by its shape, not by instanceof.
const isRefusal = (error: unknown): error is RateLimiterRes =>
  typeof (error as RateLimiterRes | null)?.msBeforeNext === "number" && !(error instanceof Error);

/** Counts one hit; throws 429 `rate_limited` (with Retry-After) when the key is over its limit. */
export async function consume(rule: Rule, key: string, message = TOO_MANY_ATTEMPTS): Promise<void> {
  try {
    await limitersFor(rule).consume.consume(key);
  } catch (error) {
    if (isRefusal(error)) throw tooMany(error.msBeforeNext, message);
    throw error;
  }
}

/** Throws 429 when the key already used up its window, without counting a hit. */
export async function assertAllowed(rule: Rule, key: string, message = TOO_MANY_ATTEMPTS): Promise<void> {
  const res = await limitersFor(rule).main.get(key);
  if (res && res.consumedPoints >= rule.limit) throw tooMany(res.msBeforeNext, message);
}

/** Counts one hit without refusing it: for limits on failures, checked by assertAllowed. */
export async function recordHit(rule: Rule, key: string): Promise<void> {
  await limitersFor(rule).main.penalty(key, 1);
}
