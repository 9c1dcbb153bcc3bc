// Several processes calling the API for one account: share the rate budgets through Redis with
// the `limiter` option. The client asks `acquire(key, limit, signal)` before each request; this
// one keeps a sliding window per key in a sorted set. No Redis package is needed to read it:
// `RedisLike` is the one method it uses (ioredis and node-redis both offer an `eval`).
import { createOzonClient, type RateLimit, type RateLimiter } from 'ozon-seller-api';

/** The part of a Redis client this limiter uses: EVAL of a Lua script. */
export interface RedisLike {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

const PERIOD_MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

// Drops starts older than the window; takes a slot when one is free (returns 0), else returns
// how many ms until the oldest start leaves the window. Atomic, so processes never overbook.
const TAKE = `
local now = tonumber(ARGV[1]); local period = tonumber(ARGV[2]); local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - period)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], period)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + period - now)`;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/** A RateLimiter over Redis: `prefix` keeps its keys apart from the rest of your data. */
export function redisLimiter(redis: RedisLike, prefix = 'ozon:rate:'): RateLimiter {
  let n = 0;
  return {
    async acquire(key: string, limit: RateLimit, signal?: AbortSignal): Promise<void> {
      const periodMs = PERIOD_MS[limit.per];
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const member = `${process.pid}:${Date.now()}:${n++}`;
        const wait = Number(await redis.eval(TAKE, 1, `${prefix}${key}`, Date.now(), periodMs, limit.requests, member));
        if (wait === 0) return;
        await sleep(wait, signal);
      }
    },
  };
}

/** Every process creates its client like this; all of them then share one budget per Client-Id. */
export function createSharedClient(redis: RedisLike) {
  return createOzonClient({ clientId: process.env.OZON_CLIENT_ID!, apiKey: process.env.OZON_API_KEY!, limiter: redisLimiter(redis) });
}
