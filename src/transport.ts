import { noticeDeprecated } from './deprecation.js';
import { OzonNetworkError, OzonTimeoutError, type OzonApiError } from './errors.js';
import { operations, type OperationInfo, type RateLimit } from '../generated/operations.js';
import type { Outgoing, Send } from './answer.js';
import type { ResolvedOptions, ResolvedRequestOptions } from './options.js';
import type { RateLimiter } from './rate-limit.js';
import { backoffDelay, parseRetryAfter } from './retry-policy.js';

/** What the transport learnt about a response it returned, for the errors `unwrap` builds. */
export interface AttemptInfo {
  /** Requests sent, retries included. */
  attempts: number;
  /** Why the final answer was not retried, when that matters to the caller. */
  note: string | undefined;
}

const attemptInfo = new WeakMap<Response, AttemptInfo>();

/** The transport's record of a response (undefined for responses it did not return). */
export function attemptInfoOf(response: Response): AttemptInfo | undefined {
  return attemptInfo.get(response);
}

const MAY_HAVE_BEEN_APPLIED = 'not retried because the operation is not idempotent: it may have been applied';

export interface TransportConfig {
  client: ResolvedOptions;
  request: ResolvedRequestOptions;
  limiter: RateLimiter;
}

/** One call as the transport gets it: the request, the operation's schema path, the caller's signal and the sender. */
export interface TransportCall {
  out: Outgoing;
  schemaPath: string;
  caller: AbortSignal | undefined;
  send: Send;
}

const table = operations as Record<string, OperationInfo>;

/**
 * Per attempt: waits for the rate limiter, sends the request with a timeout, and decides from
 * the answer (and the operation's `x-idempotent`) whether to back off and send it again.
 */
export function createTransport({ client: o, request: r, limiter }: TransportConfig): (call: TransportCall) => Promise<Response> {
  const policy = r.retry;
  const account: RateLimit | undefined = o.maxRequestsPerSecond === false ? undefined : { requests: o.maxRequestsPerSecond, per: 'second' };

  return async function transport({ out, schemaPath, caller, send }: TransportCall): Promise<Response> {
    const op = table[`${out.method} ${schemaPath}`];
    noticeDeprecated(op, o.onDeprecated);
    const where = { method: out.method, path: schemaPath, secrets: o.secrets };
    const opKey = o.rateLimits && op?.rateLimit ? `${o.auth.account} ${op.method} ${op.path}` : undefined;
    const idempotent = r.idempotent ?? op?.idempotent === true;

    for (let attempt = 1; ; attempt++) {
      if (opKey) await limiter.acquire(opKey, op!.rateLimit!, caller);
      if (account) await limiter.acquire(o.auth.account, account, caller);
      if (caller?.aborted) throw caller.reason;
      const canRetry = attempt <= policy.retries;
      const abort = attemptSignal(caller, r.timeoutMs);
      let response: Response;
      try {
        response = await send(out, abort.signal);
      } catch (error) {
        if (caller?.aborted) throw caller.reason ?? error;
        const timedOut = abort.timedOut();
        if (idempotent && canRetry && (!timedOut || policy.retryOnTimeout)) {
          await o.clock.sleep(backoffDelay(policy, attempt), caller);
          continue;
        }
        throw noAnswer(error, timedOut, { ...where, attempts: attempt, note: idempotent ? retriedNote(attempt) : MAY_HAVE_BEEN_APPLIED }, r.timeoutMs);
      } finally {
        abort.done();
      }

      const status = response.status;
      const retryable = (status === 429 || (status >= 500 && idempotent)) && !policy.doNotRetry.includes(status);
      let note = attempt > 1 ? retriedNote(attempt) : undefined;
      if (retryable && canRetry) {
        let wait = backoffDelay(policy, attempt);
        const asked = parseRetryAfter(response.headers.get('retry-after'), o.clock.now());
        if (asked !== undefined) wait = asked;
        if (asked === undefined || asked <= policy.maxRetryAfterMs) {
          await o.clock.sleep(wait, caller);
          continue;
        }
        note = `not retried: Retry-After asks for ${asked} ms, more than maxRetryAfterMs (${policy.maxRetryAfterMs})`;
      } else if (status >= 500 && !idempotent) {
        note = MAY_HAVE_BEEN_APPLIED;
      }
      attemptInfo.set(response, { attempts: attempt, note });
      return response;
    }
  };
}

/**
 * The signal of one attempt: aborts when the caller's signal does or when `timeoutMs` passes.
 * `done()` clears the timer and the listener, so nothing outlives the attempt.
 */
function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number) {
  const ctl = new AbortController();
  let timedOut = false;
  const onAbort = () => ctl.abort(caller!.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          ctl.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
        }, timeoutMs)
      : undefined;
  return {
    signal: ctl.signal,
    timedOut: () => timedOut,
    done: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

function retriedNote(attempts: number): string | undefined {
  return attempts > 1 ? `gave up after ${attempts} attempts` : undefined;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = (error as { cause?: unknown }).cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    return `${error.message} (${typeof code === 'string' ? `${code}: ` : ''}${inner.message})`;
  }
  return error.message;
}

type Where = { method: string; path: string; secrets: readonly string[]; attempts: number; note: string | undefined };

/** The error for a request that got no answer: a timeout or a network failure. */
function noAnswer(error: unknown, timedOut: boolean, where: Where, timeoutMs: number): OzonApiError {
  if (timedOut) return new OzonTimeoutError({ ...where, timeoutMs, cause: error });
  return new OzonNetworkError({ ...where, reason: describe(error), cause: error });
}
