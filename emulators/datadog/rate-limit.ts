// Datadog-style rate limiting (docs: api/latest/rate-limits): every answer carries
//   X-RateLimit-Limit     requests allowed in a period
//   X-RateLimit-Period    period length in seconds (calendar aligned: windows start at multiples of it)
//   X-RateLimit-Remaining requests left in the current period
//   X-RateLimit-Reset     seconds until the current period ends
//   X-RateLimit-Name      name of the limit
// Past the budget the answer is 429. Each endpoint has its own bucket; the clock is injectable so
// tests can step time instead of sleeping.

export type RateLimitConfig = { limit: number; periodSeconds: number };
export type RateLimitHeaders = Record<string, string>;
export type RateLimitDecision = { isAllowed: boolean; headers: RateLimitHeaders };

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 1600, periodSeconds: 3600 };

export type RateLimiter = {
  /** Counts one request against `name` if budget is left; answers the headers to send either way. */
  take(name: string): RateLimitDecision;
  /** Headers for an answer that does not count (e.g. 403). */
  peek(name: string): RateLimitHeaders;
  /** Headers of a forced 429 (fault): nothing remaining, reset in `resetSeconds`. */
  exhausted(name: string, resetSeconds: number): RateLimitHeaders;
  reset(): void;
};

export function createRateLimiter(config: RateLimitConfig, wallClockMs: () => number): RateLimiter {
  if (!(config.limit >= 0) || !(config.periodSeconds > 0)) {
    throw new Error(`Rate limit must have limit ≥ 0 and periodSeconds > 0, got ${JSON.stringify(config)}.`);
  }
  const used = new Map<string, { windowStart: number; count: number }>();

  const current = (name: string) => {
    const nowSec = wallClockMs() / 1000;
    const windowStart = Math.floor(nowSec / config.periodSeconds) * config.periodSeconds;
    let bucket = used.get(name);
    if (!bucket || bucket.windowStart !== windowStart) {
      bucket = { windowStart, count: 0 };
      used.set(name, bucket);
    }
    return { bucket, resetSeconds: Math.max(1, Math.ceil(windowStart + config.periodSeconds - nowSec)) };
  };
  const headersOf = (name: string, remaining: number, resetSeconds: number): RateLimitHeaders => ({
    "X-RateLimit-Limit": String(config.limit),
    "X-RateLimit-Period": String(config.periodSeconds),
    "X-RateLimit-Remaining": String(Math.max(0, remaining)),
    "X-RateLimit-Reset": String(resetSeconds),
    "X-RateLimit-Name": name,
  });

  return {
    take(name) {
      const { bucket, resetSeconds } = current(name);
      if (bucket.count >= config.limit) return { isAllowed: false, headers: headersOf(name, 0, resetSeconds) };
      bucket.count++;
      return { isAllowed: true, headers: headersOf(name, config.limit - bucket.count, resetSeconds) };
    },
    peek(name) {
      const { bucket, resetSeconds } = current(name);
      return headersOf(name, config.limit - bucket.count, resetSeconds);
    },
    exhausted(name, resetSeconds) {
      return headersOf(name, 0, resetSeconds);
    },
    reset() {
      used.clear();
    },
  };
}
