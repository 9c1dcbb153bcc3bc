import type { Clock } from './clock.js';
import type { RateLimit } from '../generated/operations.js';

const PERIOD_MS: Record<RateLimit['per'], number> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * At most `requests` starts in any window of `periodMs` (a sliding log). Callers queue in order:
 * `acquire()` resolves when the caller may send, and rejects only when its signal aborts.
 */
export class WindowLimiter {
  private readonly starts: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly requests: number,
    readonly periodMs: number,
    private readonly clock: Clock,
  ) {}

  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.tail.then(() => this.take(signal));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = this.clock.now();
      while (this.starts.length && this.starts[0]! <= now - this.periodMs) this.starts.shift();
      if (this.starts.length < this.requests) {
        this.starts.push(now);
        return;
      }
      await this.clock.sleep(this.starts[0]! + this.periodMs - now, signal);
    }
  }
}

export interface RateLimiterOptions {
  clock: Clock;
  /** Honour each operation's `x-rate-limit`. */
  perOperation: boolean;
  /** Cap on requests per second over all operations; undefined for none. */
  requestsPerSecond: number | undefined;
}

/** The limiter of one client: one window per rate-limited operation, plus an optional global cap. */
export class RateLimiter {
  private readonly windows = new Map<string, WindowLimiter>();
  private readonly global: WindowLimiter | undefined;

  constructor(private readonly o: RateLimiterOptions) {
    this.global = o.requestsPerSecond ? new WindowLimiter(o.requestsPerSecond, 1_000, o.clock) : undefined;
  }

  /** Waits until a request to operation `key` (limited by `limit`) may start. */
  async acquire(key: string | undefined, limit: RateLimit | undefined, signal?: AbortSignal): Promise<void> {
    if (key && limit && this.o.perOperation) {
      let w = this.windows.get(key);
      if (!w) this.windows.set(key, (w = new WindowLimiter(limit.requests, PERIOD_MS[limit.per], this.o.clock)));
      await w.acquire(signal);
    }
    if (this.global) await this.global.acquire(signal);
  }
}
