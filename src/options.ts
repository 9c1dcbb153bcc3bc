import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
import { systemClock, type Clock } from './clock.js';
import { defaultDeprecationHandler, type DeprecationHandler } from './deprecation.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { resolveAuth, type AccessToken, type Auth } from './auth.js';
import type { RateLimiter } from './rate-limit.js';

/**
 * Options of `createOzonClient`. Auth is either `clientId` + `apiKey` (a seller's own
 * integration) or `accessToken` (an app acting for a seller); both or neither is a TypeError.
 */
export interface OzonClientOptions {
  /** Seller account id, sent as `Client-Id` with `apiKey` (required then). With `accessToken` it is not sent, but clients with the same one share the account's request budget. */
  clientId?: string | number;
  /** API key, sent as `Api-Key`; surrounding whitespace is trimmed. Never put in errors or logs. */
  apiKey?: string;
  /** OAuth token sent as `Authorization: Bearer`, or a function returning the current one (called before each request, so a refresh works). Never put in errors or logs. */
  accessToken?: AccessToken;
  /** API root. Default: `https://api-seller.ozon.ru`. Must be `https`, except for loopback hosts (a local mock). */
  baseUrl?: string;
  /** The fetch to send every request with (it gets a `Request`). Default: none; see `transport`. */
  fetch?: (input: Request) => Promise<Response>;
  /**
   * How requests go out when no `fetch` is given. `'auto'`: on Node, node:http/node:https with
   * keep-alive connections (faster per call); elsewhere `globalThis.fetch`. `'fetch'`:
   * `globalThis.fetch` everywhere. Default: the `OZON_SELLER_API_TRANSPORT` environment variable
   * when set (`fetch` or `auto`), else `'auto'`.
   */
  transport?: 'auto' | 'fetch';
  /** Per-request timeout in milliseconds; the request is aborted when it passes. Default: 30000. `0` turns it off. */
  timeoutMs?: number;
  /** The `User-Agent` header. Default: `ozon-seller-api/<version>`. */
  userAgent?: string;
  /** Retry policy, merged over `DEFAULT_RETRY_POLICY` (3 retries, 500 ms base delay, ...); `false` turns retries off. Default: `DEFAULT_RETRY_POLICY`. */
  retry?: Partial<RetryPolicy> | false;
  /** Queue calls so each operation stays within its documented `x-rate-limit`. Default: true. */
  rateLimits?: boolean;
  /** Ozon's account limit: requests per second over all methods, shared by every client of this process with the same `clientId`; `false` turns it off. Default: 50. */
  maxRequestsPerSecond?: number | false;
  /** Where clients take their turn (`acquire(key, limit, signal)`); plug a shared store when several processes use one account. Default: in this process. */
  limiter?: RateLimiter;
  /** Where deprecation warnings go: a function, or `false` for none. Default: a Node `DeprecationWarning`, once per process per operation. */
  onDeprecated?: DeprecationHandler | false;
  /** The clock behind backoff, rate limits and polling; inject a fake one in tests. Default: `Date.now` and `setTimeout`. */
  clock?: Clock;
}

/** Options of one request, set with `client.withOptions(...)`. */
export interface RequestOptions {
  /** Retry policy merged over the client's; `false` sends each request once. Default: the client's `retry`. */
  retry?: Partial<RetryPolicy> | false;
  /** `true` retries 5xx and network errors even for a mutation (you know repeating it is safe); `false` never does. Default: the spec's `x-idempotent`. */
  idempotent?: boolean;
  /** Per-request timeout in milliseconds; `0` turns it off. Default: the client's `timeoutMs`. */
  timeoutMs?: number;
}

export interface ResolvedOptions {
  auth: Auth;
  /** Values every error scrubs (the Api-Key, the tokens sent). */
  secrets: string[];
  baseUrl: string;
  /** The injected fetch, if any: every request goes through it. */
  fetch: ((input: Request) => Promise<Response>) | undefined;
  /** Without an injected fetch: `auto` (node:http on Node) or `fetch` (the global fetch). */
  transport: 'auto' | 'fetch';
  timeoutMs: number;
  userAgent: string;
  retry: Readonly<RetryPolicy>;
  rateLimits: boolean;
  maxRequestsPerSecond: number | false;
  limiter: RateLimiter | undefined;
  onDeprecated: DeprecationHandler | false;
  clock: Clock;
}

export interface ResolvedRequestOptions {
  retry: Readonly<RetryPolicy>;
  idempotent: boolean | undefined;
  timeoutMs: number;
}

export const DEFAULT_BASE_URL = 'https://api-seller.ozon.ru';
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Ozon's limit per Client-Id over all methods. */
export const DEFAULT_MAX_REQUESTS_PER_SECOND = 50;
export const DEFAULT_USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;

/** True for hosts that never leave the machine: localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Checks the options and fills defaults; a bad option is a TypeError that names it. */
export function resolveOptions(options: OzonClientOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('createOzonClient: options must be an object with clientId and apiKey (or accessToken)');
  }
  const auth = resolveAuth(options);
  const rawBase = options.baseUrl ?? DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(rawBase);
  } catch {
    throw new TypeError(`createOzonClient: option "baseUrl" is not a valid absolute URL: ${JSON.stringify(rawBase)}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new TypeError(
      `createOzonClient: option "baseUrl" must use https (plain http is allowed only for loopback hosts); got ${url.protocol}//${url.host}`,
    );
  }
  if (url.search || url.hash) {
    throw new TypeError('createOzonClient: option "baseUrl" must not have a query or fragment');
  }
  const transport = options.transport ?? transportFromEnv();
  if (transport !== 'auto' && transport !== 'fetch') {
    throw new TypeError(`createOzonClient: option "transport" must be 'auto' or 'fetch'; got ${String(transport)}`);
  }
  const fetchImpl = options.fetch;
  if (fetchImpl !== undefined && typeof fetchImpl !== 'function') throw new TypeError('createOzonClient: option "fetch" must be a function');
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'createOzonClient');
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  // A header value: Latin-1 without control characters (Cyrillic would fail every call instead).
  if (typeof userAgent !== 'string' || userAgent.trim() === '' || /[^\t\x20-\x7e\xa0-\xff]/.test(userAgent)) {
    throw new TypeError('createOzonClient: option "userAgent" must be a non-empty single-line string of Latin-1 characters');
  }
  const rateLimits = options.rateLimits ?? true;
  if (typeof rateLimits !== 'boolean') throw new TypeError('createOzonClient: option "rateLimits" must be a boolean');
  const rps = options.maxRequestsPerSecond ?? DEFAULT_MAX_REQUESTS_PER_SECOND;
  if (rps !== false && (typeof rps !== 'number' || !Number.isInteger(rps) || rps < 1)) {
    throw new TypeError(`createOzonClient: option "maxRequestsPerSecond" must be an integer >= 1 or false; got ${String(rps)}`);
  }
  const limiter = options.limiter;
  if (limiter !== undefined && typeof limiter?.acquire !== 'function') {
    throw new TypeError('createOzonClient: option "limiter" must have acquire(key, limit, signal)');
  }
  const onDeprecated = options.onDeprecated ?? defaultDeprecationHandler;
  if (onDeprecated !== false && typeof onDeprecated !== 'function') {
    throw new TypeError('createOzonClient: option "onDeprecated" must be a function or false');
  }
  const clock = options.clock ?? systemClock;
  if (typeof clock?.now !== 'function' || typeof clock?.sleep !== 'function') {
    throw new TypeError('createOzonClient: option "clock" must have now() and sleep(ms, signal)');
  }
  return {
    auth,
    secrets: auth.secrets,
    baseUrl: url.href.replace(/\/+$/, ''),
    fetch: fetchImpl,
    transport,
    timeoutMs,
    userAgent,
    retry: resolveRetryPolicy(options.retry),
    rateLimits,
    maxRequestsPerSecond: rps,
    limiter,
    onDeprecated,
    clock,
  };
}

/** `OZON_SELLER_API_TRANSPORT` of the environment (Node only), checked like the option. */
function transportFromEnv(): 'auto' | 'fetch' {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.OZON_SELLER_API_TRANSPORT;
  if (env === undefined || env === '' || env === 'auto' || env === 'fetch') return (env || 'auto') as 'auto' | 'fetch';
  throw new TypeError(`createOzonClient: environment variable OZON_SELLER_API_TRANSPORT must be 'auto' or 'fetch'; got ${env}`);
}

function checkTimeout(timeoutMs: unknown, where: string): number {
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new TypeError(`${where}: option "timeoutMs" must be a finite number >= 0; got ${String(timeoutMs)}`);
  }
  return timeoutMs;
}

/** Merges per-request options over the current ones; a bad option is a TypeError that names it. */
export function resolveRequestOptions(options: RequestOptions, base: ResolvedRequestOptions): ResolvedRequestOptions {
  const where = 'withOptions';
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object`);
  for (const k of Object.keys(options)) {
    if (!['retry', 'idempotent', 'timeoutMs'].includes(k)) throw new TypeError(`${where}: unknown option "${k}"`);
  }
  if (options.idempotent !== undefined && typeof options.idempotent !== 'boolean') {
    throw new TypeError(`${where}: option "idempotent" must be a boolean`);
  }
  return {
    retry: resolveRetryPolicy(options.retry, base.retry, where),
    idempotent: options.idempotent ?? base.idempotent,
    timeoutMs: options.timeoutMs === undefined ? base.timeoutMs : checkTimeout(options.timeoutMs, where),
  };
}
