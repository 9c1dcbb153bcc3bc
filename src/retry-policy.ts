/** When and how long to wait before sending a request again. Plain data: copy, merge, log it. */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most `retries + 1` requests). Default: 3. `0` turns retries off. */
  retries: number;
  /** Backoff before the first retry, in ms; it doubles with each retry. Default: 500. */
  baseDelayMs: number;
  /** Cap on one backoff delay, in ms. Default: 20000. */
  maxDelayMs: number;
  /** Share of each backoff that is random (0 = none, 1 = anywhere from 0 to the full delay). Default: 0.5. */
  jitter: number;
  /** Longest `Retry-After` the client waits for, in ms; a 429 asking for longer is returned, not retried. Default: 60000. */
  maxRetryAfterMs: number;
  /** Statuses never retried, even when a 429 or a 5xx would be. Default: `[501, 505]`. */
  doNotRetry: readonly number[];
  /** Also retry an idempotent request that hit the client's `timeoutMs` (each attempt gets the full timeout). Default: false. */
  retryOnTimeout: boolean;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  jitter: 0.5,
  maxRetryAfterMs: 60_000,
  doNotRetry: Object.freeze([501, 505]),
  retryOnTimeout: false,
});

function nonNegative(where: string, name: string, v: unknown, integer = false): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
    throw new TypeError(`${where}: retry option "${name}" must be a finite ${integer ? 'integer' : 'number'} >= 0; got ${String(v)}`);
  }
}

/**
 * Merges `overrides` over `base` and checks the result; a bad value is a TypeError naming it.
 * `false` means no retries at all.
 */
export function resolveRetryPolicy(
  overrides: Partial<RetryPolicy> | false | undefined,
  base: Readonly<RetryPolicy> = DEFAULT_RETRY_POLICY,
  where = 'createOzonClient',
): Readonly<RetryPolicy> {
  if (overrides === false) return { ...base, retries: 0 };
  if (overrides === undefined) return base;
  if (overrides === null || typeof overrides !== 'object') {
    throw new TypeError(`${where}: option "retry" must be an object or false`);
  }
  const known = new Set(Object.keys(DEFAULT_RETRY_POLICY));
  for (const k of Object.keys(overrides)) if (!known.has(k)) throw new TypeError(`${where}: unknown retry option "${k}"`);
  const p = { ...base, ...overrides };
  nonNegative(where, 'retries', p.retries, true);
  nonNegative(where, 'baseDelayMs', p.baseDelayMs);
  nonNegative(where, 'maxDelayMs', p.maxDelayMs);
  nonNegative(where, 'maxRetryAfterMs', p.maxRetryAfterMs);
  if (typeof p.jitter !== 'number' || !(p.jitter >= 0 && p.jitter <= 1)) {
    throw new TypeError(`${where}: retry option "jitter" must be a number from 0 to 1; got ${String(p.jitter)}`);
  }
  if (!Array.isArray(p.doNotRetry) || !p.doNotRetry.every((s) => Number.isInteger(s))) {
    throw new TypeError(`${where}: retry option "doNotRetry" must be an array of HTTP statuses`);
  }
  if (typeof p.retryOnTimeout !== 'boolean') throw new TypeError(`${where}: retry option "retryOnTimeout" must be a boolean`);
  return Object.freeze({ ...p, doNotRetry: Object.freeze([...p.doNotRetry]) });
}

/** Capped exponential backoff with jitter before retry number `retry` (1 for the first retry). */
export function backoffDelay(policy: Readonly<RetryPolicy>, retry: number, random: () => number = Math.random): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(full * (1 - policy.jitter * random()));
}

/**
 * The wait a `Retry-After` header asks for, in ms: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`). Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
