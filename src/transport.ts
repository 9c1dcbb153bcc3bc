import { noticeDeprecated } from './deprecation.js';
import { OzonNetworkError, OzonTimeoutError, type OzonApiError } from './errors.js';
import { matchOperation } from './operation-match.js';
import type { ResolvedOptions, ResolvedRequestOptions } from './options.js';
import type { RateLimiter } from './rate-limit.js';
import type { RateLimit } from '../generated/operations.js';
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

/**
 * The `fetch` handed to openapi-fetch: per attempt, it waits for the rate limiter, sends a copy
 * of the request with a timeout, and decides from the answer (and the operation's `x-idempotent`)
 * whether to back off and send it again.
 */
export function createTransport({ client: o, request: r, limiter }: TransportConfig): (request: Request) => Promise<Response> {
  const basePath = new URL(o.baseUrl).pathname.replace(/\/+$/, '');
  const policy = r.retry;
  const account: RateLimit | undefined = o.maxRequestsPerSecond === false ? undefined : { requests: o.maxRequestsPerSecond, per: 'second' };

  return async function send(request: Request): Promise<Response> {
    const pathname = new URL(request.url).pathname;
    const relative = basePath && pathname.startsWith(basePath) ? pathname.slice(basePath.length) || '/' : pathname;
    const op = matchOperation(request.method, relative);
    noticeDeprecated(op, o.onDeprecated);
    const where = { method: request.method, path: op?.path ?? relative, secrets: o.secrets };
    const opKey = o.rateLimits && op?.rateLimit ? `${o.auth.account} ${op.method} ${op.path}` : undefined;
    const idempotent = r.idempotent ?? op?.idempotent === true;
    const caller = request.signal;
    // The body is read once and re-sent as bytes on every attempt (no stream tee per attempt).
    const payload = request.body === null ? null : await request.arrayBuffer();

    let req: Request | undefined;
    for (let attempt = 1; ; attempt++) {
      if (opKey) await limiter.acquire(opKey, op!.rateLimit!, caller);
      if (account) await limiter.acquire(o.auth.account, account, caller);
      if (caller.aborted) throw caller.reason;
      const canRetry = attempt <= policy.retries;
      const abort = attemptSignal(caller, r.timeoutMs);
      let response: Response;
      try {
        const init: RequestInit = { method: request.method, headers: request.headers, body: payload, signal: abort.signal };
        // An injected fetch gets a Request, held here until the attempt ends (its signal follows
        // ours only while it lives), and is raced with our signal in case it ignores it.
        req = o.globalFetch ? undefined : new Request(request.url, init);
        response = await buffered(await (req ? untilAborted(o.fetch(req), abort.signal) : fetch(request.url, init)));
      } catch (error) {
        if (caller.aborted) throw caller.reason ?? error;
        const timedOut = abort.timedOut();
        if (idempotent && canRetry && (!timedOut || policy.retryOnTimeout)) {
          await o.clock.sleep(backoffDelay(policy, attempt), caller);
          continue;
        }
        throw noAnswer(error, timedOut, { ...where, attempts: attempt, note: idempotent ? retriedNote(attempt) : MAY_HAVE_BEEN_APPLIED }, r.timeoutMs);
      } finally {
        abort.done();
        req = undefined;
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
function attemptSignal(caller: AbortSignal, timeoutMs: number) {
  const ctl = new AbortController();
  let timedOut = false;
  const onAbort = () => ctl.abort(caller.reason);
  caller.addEventListener('abort', onAbort, { once: true });
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
      caller.removeEventListener('abort', onAbort);
    },
  };
}

/** Settles like `promise`, or rejects with the signal's reason once it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

const NULL_BODY = new Set([101, 204, 205, 304]);
const bodies = new WeakMap<Response, ArrayBuffer>();

/** The bytes of a response the transport buffered, so later steps need not read it again. */
export function bufferedBody(response: Response): ArrayBuffer | undefined {
  return bodies.get(response);
}

/**
 * Reads the whole body inside the attempt, so a connection that drops mid-body is a network
 * error that can be retried, and the timeout covers the body too. The copy carries a
 * Content-Length, so openapi-fetch reads it with one `json()` call.
 */
async function buffered(response: Response): Promise<Response> {
  if (NULL_BODY.has(response.status) || response.body === null) return response;
  const bytes = await response.arrayBuffer();
  const headers = new Headers(response.headers);
  headers.set('content-length', String(bytes.byteLength));
  headers.delete('transfer-encoding');
  const copy = new Response(bytes, { status: response.status, statusText: response.statusText, headers });
  bodies.set(copy, bytes);
  return copy;
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
