import { systemClock, type Clock } from './clock.js';
import type { RateLimit } from '../generated/operations.js';

/**
 * Where the client takes its turn before each request. The default keeps the windows in this
 * process; implement it over a shared store (Redis, a database) when several processes call the
 * API for one account (see examples/redis-limiter.ts).
 */
export interface RateLimiter {
  /**
   * Resolves when one more request counted under `key` may start, keeping to at most
   * `limit.requests` starts in any `limit.per`. Rejects with `signal.reason` as soon as `signal`
   * aborts while waiting, and then takes nothing from the limit.
   *
   * Keys: `<Client-Id>` for the account's budget over all methods (`maxRequestsPerSecond`), and
   * `<Client-Id> <METHOD> <path>` for a method's own `x-rate-limit`.
   */
  acquire(key: string, limit: RateLimit, signal?: AbortSignal): Promise<void>;
}

export const PERIOD_MS: Record<RateLimit['per'], number> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

const READY = Promise.resolve();

/**
 * At most `requests` starts in any window of `periodMs` (a sliding log). Callers queue in order;
 * a caller whose signal aborts leaves the queue at once, and those behind it move up.
 */
export class WindowLimiter {
  private readonly starts: number[] = [];
  private readonly queue: Waiter[] = [];
  private pumping: AbortController | undefined;

  constructor(
    readonly requests: number,
    readonly periodMs: number,
    private readonly clock: Clock,
  ) {}

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.queue.length === 0 && this.wait() === 0) {
      this.starts.push(this.clock.now());
      return READY;
    }
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(w);
          if (i >= 0) this.queue.splice(i, 1);
          if (this.queue.length === 0) this.pumping?.abort();
          reject(signal!.reason);
        },
      };
      signal?.addEventListener('abort', w.onAbort, { once: true });
      this.queue.push(w);
      void this.pump();
    });
  }

  /** Ms until a start is free (0: now); drops starts that left the window. */
  private wait(): number {
    const now = this.clock.now();
    while (this.starts.length && this.starts[0]! <= now - this.periodMs) this.starts.shift();
    return this.starts.length < this.requests ? 0 : this.starts[0]! + this.periodMs - now;
  }

  private async pump(): Promise<void> {
    if (this.pumping && !this.pumping.signal.aborted) return;
    const ctl = (this.pumping = new AbortController());
    try {
      while (this.queue.length && !ctl.signal.aborted) {
        const ms = this.wait();
        if (ms > 0) {
          await this.clock.sleep(ms, ctl.signal).catch(() => undefined);
          continue;
        }
        const w = this.queue.shift()!;
        w.signal?.removeEventListener('abort', w.onAbort);
        this.starts.push(this.clock.now());
        w.resolve();
      }
    } finally {
      if (this.pumping === ctl) this.pumping = undefined;
    }
  }
}

/** A limiter that keeps its windows in memory: one `WindowLimiter` per key. */
export function memoryLimiter(clock: Clock = systemClock): RateLimiter {
  const windows = new Map<string, WindowLimiter>();
  return {
    acquire(key, limit, signal) {
      const periodMs = PERIOD_MS[limit.per];
      const id = `${key}\u0000${limit.requests}/${periodMs}`;
      let w = windows.get(id);
      if (!w) windows.set(id, (w = new WindowLimiter(limit.requests, periodMs, clock)));
      return w.acquire(signal);
    },
  };
}

const shared = new WeakMap<Clock, RateLimiter>();

/** The process-wide limiter of a clock: clients with the same Client-Id share their budgets through it. */
export function sharedLimiter(clock: Clock): RateLimiter {
  let l = shared.get(clock);
  if (!l) shared.set(clock, (l = memoryLimiter(clock)));
  return l;
}
