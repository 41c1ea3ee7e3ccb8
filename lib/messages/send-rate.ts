import { getConfig } from "../config/env.ts";
import { consume, type Rule } from "../rate-limit/rate-limiter.ts";

const BURST_WINDOW_SECONDS = 10;

function rule(): Rule {
  const { perSecond, burst } = getConfig().messageRate;
  return {
    name: "message-send",
    limit: perSecond,
    windowSeconds: 1,
    ...(burst ? { burst: { limit: burst, windowSeconds: BURST_WINDOW_SECONDS } } : {}),
  };
}

/**
 * One send by the user, over REST or the socket alike (and across instances with Redis): far above
 * what a person types, well below a flood. Throws 429 `rate_limited` with Retry-After.
 */
export function countMessageSend(userId: number): Promise<void> {
  return consume(rule(), String(userId), "Too many messages.");
}
