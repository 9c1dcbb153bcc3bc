import { systemClock, type Clock } from './clock.js';
import { OzonApiError, OzonTimeoutError } from './errors.js';

/** Options of the waiting helpers (`waitForAsync`, `createReport`, `waitForReport`, `waitForProductImport`, `waitForWarehouseOperation`). */
export interface WaitOptions {
  /** Wait before the second check, in ms; each further wait is 1.5 times longer, up to `maxInterval`. Default: 1000. */
  interval?: number;
  /** Longest wait between two checks, in ms. Default: 10000. */
  maxInterval?: number;
  /** Give up after this many ms with `OzonTimeoutError`; a check in flight is bounded by the client's `timeoutMs`. Default: 600000 (10 minutes). */
  timeout?: number;
  /** Stops waiting at once (and aborts the request in flight); rejects with the signal's reason. Default: none. */
  signal?: AbortSignal;
  /** The clock the waits use. Default: `Date.now` and `setTimeout`. */
  clock?: Clock;
}

export type CheckResult<T> = { done: true; value: T } | { done: false; state: string };

/** What is being waited for, for error messages: the polled method and a description. */
export interface Waiting {
  method: string;
  path: string;
  /** e.g. `report R-1`. */
  what: string;
}

/** The work finished, but it failed: Ozon's message, and the last status answer in `result`. */
export class OzonTaskFailedError extends OzonApiError {
  override name = 'OzonTaskFailedError';
  /** The last answer of the status method. */
  readonly result: unknown;
  constructor(init: ConstructorParameters<typeof OzonApiError>[0] & { result: unknown }) {
    super(init);
    this.result = init.result;
  }
}

function ms(name: string, v: unknown, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw new TypeError(`wait: option "${name}" must be a finite number >= ${min}; got ${String(v)}`);
  return v;
}

/** Resolved wait options; a bad value is a TypeError naming it. */
export function resolveWaitOptions(opts: WaitOptions = {}): Required<Omit<WaitOptions, 'signal'>> & { signal: AbortSignal | undefined } {
  if (opts === null || typeof opts !== 'object') throw new TypeError('wait: options must be an object');
  const interval = ms('interval', opts.interval, 1_000, 0);
  return {
    interval,
    maxInterval: Math.max(interval, ms('maxInterval', opts.maxInterval, 10_000, 0)),
    timeout: ms('timeout', opts.timeout, 600_000, 0),
    signal: opts.signal,
    clock: opts.clock ?? systemClock,
  };
}

/**
 * Calls `check` until it says done, waiting `interval` (growing to `maxInterval`) between calls.
 * Throws `OzonTimeoutError` when `timeout` passes, and the signal's reason when it aborts.
 */
export async function waitFor<T>(check: (signal: AbortSignal | undefined) => Promise<CheckResult<T>>, waiting: Waiting, opts?: WaitOptions): Promise<T> {
  const o = resolveWaitOptions(opts);
  const started = o.clock.now();
  let delay = o.interval;
  for (;;) {
    if (o.signal?.aborted) throw o.signal.reason;
    const r = await check(o.signal);
    if (r.done) return r.value;
    const left = started + o.timeout - o.clock.now();
    if (left <= 0) {
      throw new OzonTimeoutError({
        method: waiting.method,
        path: waiting.path,
        timeoutMs: o.timeout,
        message: `${waiting.what} was not done after ${o.timeout} ms of polling ${waiting.method} ${waiting.path} (last state: ${r.state})`,
      });
    }
    await o.clock.sleep(Math.min(delay, left), o.signal);
    delay = Math.min(o.maxInterval, delay * 1.5);
  }
}
