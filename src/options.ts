import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
import { systemClock, type Clock } from './clock.js';
import { defaultDeprecationHandler, type DeprecationHandler } from './deprecation.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy.js';

export interface OzonClientOptions {
  /** Seller account id, sent as the `Client-Id` header. Required. */
  clientId: string | number;
  /** API key, sent as the `Api-Key` header. Required. Never put in errors or logs. */
  apiKey: string;
  /** API root. Default: `https://api-seller.ozon.ru`. Must be `https`, except for loopback hosts (a local mock). */
  baseUrl?: string;
  /** The fetch to send requests with. Default: `globalThis.fetch`. */
  fetch?: (input: Request) => Promise<Response>;
  /** Per-request timeout in milliseconds; the request is aborted when it passes. Default: 30000. `0` turns it off. */
  timeoutMs?: number;
  /** The `User-Agent` header. Default: `ozon-seller-api/<version>`. */
  userAgent?: string;
  /** Retry policy, merged over `DEFAULT_RETRY_POLICY` (3 retries, 500 ms base delay, ...); `false` turns retries off. Default: `DEFAULT_RETRY_POLICY`. */
  retry?: Partial<RetryPolicy> | false;
  /** Queue calls so each operation stays within its documented `x-rate-limit`. Default: true. */
  rateLimits?: boolean;
  /** Cap on requests per second over all operations of this client. Default: none. */
  maxRequestsPerSecond?: number;
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
  clientId: string;
  apiKey: string;
  baseUrl: string;
  fetch: (input: Request) => Promise<Response>;
  /** True when no fetch was injected: the transport then calls the global fetch with (url, init), skipping a Request copy. */
  globalFetch: boolean;
  timeoutMs: number;
  userAgent: string;
  retry: Readonly<RetryPolicy>;
  rateLimits: boolean;
  maxRequestsPerSecond: number | undefined;
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
export const DEFAULT_USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;

/** True for hosts that never leave the machine: localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Checks the options and fills defaults; a bad option is a TypeError that names it. */
export function resolveOptions(options: OzonClientOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('createOzonClient: options must be an object with clientId and apiKey');
  }
  const { clientId, apiKey } = options;
  if ((typeof clientId !== 'string' && typeof clientId !== 'number') || String(clientId).trim() === '') {
    throw new TypeError('createOzonClient: option "clientId" is required (the seller account id, a non-empty string or number)');
  }
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError('createOzonClient: option "apiKey" is required (a non-empty string)');
  }
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
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('createOzonClient: option "fetch" must be a function (no global fetch is available)');
  }
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'createOzonClient');
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  if (typeof userAgent !== 'string' || userAgent.trim() === '' || /[\r\n]/.test(userAgent)) {
    throw new TypeError('createOzonClient: option "userAgent" must be a non-empty single-line string');
  }
  const rateLimits = options.rateLimits ?? true;
  if (typeof rateLimits !== 'boolean') throw new TypeError('createOzonClient: option "rateLimits" must be a boolean');
  const rps = options.maxRequestsPerSecond;
  if (rps !== undefined && (typeof rps !== 'number' || !Number.isInteger(rps) || rps < 1)) {
    throw new TypeError(`createOzonClient: option "maxRequestsPerSecond" must be an integer >= 1; got ${String(rps)}`);
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
    clientId: String(clientId),
    apiKey,
    baseUrl: url.href.replace(/\/+$/, ''),
    fetch: fetchImpl,
    globalFetch: options.fetch === undefined,
    timeoutMs,
    userAgent,
    retry: resolveRetryPolicy(options.retry),
    rateLimits,
    maxRequestsPerSecond: rps,
    onDeprecated,
    clock,
  };
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
