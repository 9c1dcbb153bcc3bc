import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

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
}

export interface ResolvedOptions {
  clientId: string;
  apiKey: string;
  baseUrl: string;
  fetch: (input: Request) => Promise<Response>;
  timeoutMs: number;
  userAgent: string;
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
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new TypeError(`createOzonClient: option "timeoutMs" must be a finite number >= 0; got ${String(timeoutMs)}`);
  }
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  if (typeof userAgent !== 'string' || userAgent.trim() === '' || /[\r\n]/.test(userAgent)) {
    throw new TypeError('createOzonClient: option "userAgent" must be a non-empty single-line string');
  }
  return {
    clientId: String(clientId),
    apiKey,
    baseUrl: url.href.replace(/\/+$/, ''),
    fetch: fetchImpl,
    timeoutMs,
    userAgent,
  };
}
