import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import type { TypedClient } from './client-types.js';
import { malformedJsonError, OzonApiError, OzonNetworkError } from './errors.js';
import {
  isLoopbackHost,
  resolveOptions,
  resolveRequestOptions,
  type OzonClientOptions,
  type RequestOptions,
  type ResolvedOptions,
  type ResolvedRequestOptions,
} from './options.js';
import { RateLimiter } from './rate-limit.js';
import { attemptInfoOf, bufferedBody, createTransport } from './transport.js';

const decoder = new TextDecoder();
import { rememberRequest } from './unwrap.js';

/** The typed client: openapi-fetch over the Ozon Seller API `paths`, plus `withOptions`. */
export type OzonClient = TypedClient & {
  /**
   * The same client with other per-request options (retry policy, idempotency, timeout). It
   * shares this client's rate limiter; middleware added with `use` is not carried over.
   *
   * ```ts
   * await ozon.withOptions({ retry: false }).POST('/v1/report/info', { body: { code } });
   * ```
   */
  withOptions(options: RequestOptions): OzonClient;
};

/** Adds the auth and User-Agent headers; refuses to send the key anywhere but https or loopback. */
function authMiddleware(o: ResolvedOptions): Middleware {
  return {
    onRequest({ request }) {
      const url = new URL(request.url);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
        throw new TypeError(`refusing to send the Api-Key over ${url.protocol}//${url.host}: use https`);
      }
      request.headers.set('Client-Id', o.clientId);
      request.headers.set('Api-Key', o.apiKey);
      request.headers.set('User-Agent', o.userAgent);
      return request;
    },
  };
}

/**
 * The transport throws Ozon errors (timeout, network) and the caller's abort as they are; this
 * wraps anything else thrown below openapi-fetch (e.g. by middleware) into OzonNetworkError.
 */
function errorMiddleware(o: ResolvedOptions): Middleware {
  return {
    onError({ error, request, schemaPath }) {
      if (error instanceof OzonApiError) return error;
      if (request.signal.aborted || (error instanceof Error && error.name === 'AbortError')) return error as Error;
      const reason = error instanceof Error ? error.message : String(error);
      return new OzonNetworkError({ method: request.method, path: schemaPath, secrets: [o.apiKey], reason, cause: error });
    },
  };
}

/**
 * Checks that a 2xx JSON body parses (openapi-fetch would throw a bare SyntaxError), and records
 * each response's method, schema path and attempts so `unwrap` can name them in errors.
 */
function responseMiddleware(o: ResolvedOptions): Middleware {
  return {
    async onResponse({ request, response, schemaPath, options }) {
      const info = { method: request.method, path: schemaPath, secrets: [o.apiKey], ...attemptInfoOf(response) };
      let out = response;
      const empty = response.status === 204 || request.method === 'HEAD' || response.headers.get('content-length') === '0';
      if (response.ok && options.parseAs === 'json' && !empty) {
        const bytes = bufferedBody(response);
        const text = bytes ? decoder.decode(bytes) : await response.clone().text();
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch (e) {
          throw malformedJsonError(text, response, info, e);
        }
        if (bytes) {
          // The transport's copy has a Content-Length, so openapi-fetch calls `json()`: hand it
          // the body parsed once.
          Object.defineProperty(out, 'json', { value: async () => parsed });
        }
      }
      rememberRequest(out, info);
      return out;
    },
  };
}

interface Shared {
  o: ResolvedOptions;
  limiter: RateLimiter;
}

function build(shared: Shared, r: ResolvedRequestOptions): OzonClient {
  const { o, limiter } = shared;
  const client = createClient<paths>({ baseUrl: o.baseUrl, fetch: createTransport({ client: o, request: r, limiter }) });
  client.use(authMiddleware(o), errorMiddleware(o), responseMiddleware(o));
  return Object.assign(client as unknown as TypedClient, {
    withOptions: (options: RequestOptions) => build(shared, resolveRequestOptions(options, r)),
  });
}

/**
 * Creates a typed Ozon Seller API client with auth, timeouts, retries, rate limits and
 * deprecation warnings.
 *
 * ```ts
 * const ozon = createOzonClient({ clientId: '123', apiKey: process.env.OZON_API_KEY! });
 * const { data, error } = await ozon.POST('/v3/product/list', { body: { filter: {}, limit: 100 } });
 * ```
 */
export function createOzonClient(options: OzonClientOptions): OzonClient {
  const o = resolveOptions(options);
  const limiter = new RateLimiter({ clock: o.clock, perOperation: o.rateLimits, requestsPerSecond: o.maxRequestsPerSecond });
  return build({ o, limiter }, { retry: o.retry, idempotent: undefined, timeoutMs: o.timeoutMs });
}
