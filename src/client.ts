import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import type { TypedClient } from './client-types.js';
import { OzonApiError, OzonNetworkError } from './errors.js';
import { emptyBodyError, malformedJsonError } from './response-errors.js';
import {
  isLoopbackHost,
  resolveOptions,
  resolveRequestOptions,
  type OzonClientOptions,
  type RequestOptions,
  type ResolvedOptions,
  type ResolvedRequestOptions,
} from './options.js';
import { parseJson } from './json.js';
import { sharedLimiter, type RateLimiter } from './rate-limit.js';
import { attemptInfoOf, bufferedBody, createTransport } from './transport.js';
import { rememberRequest } from './unwrap.js';

const decoder = new TextDecoder();

/**
 * The typed client: openapi-fetch over the Ozon Seller API `paths` (typed per operation, see
 * `TypedClient`, whose deprecated-call signatures make editors mark deprecated calls), plus
 * `withOptions`. An interface, not an intersection: the checker resolves its methods once
 * without comparing the signatures of two types.
 */
export interface OzonClient extends TypedClient {
  /**
   * The same client with other per-request options (retry policy, idempotency, timeout). It
   * shares this client's rate limiter; middleware added with `use` is not carried over.
   *
   * ```ts
   * await ozon.withOptions({ retry: false }).POST('/v1/report/info', { body: { code } });
   * ```
   */
  withOptions(options: RequestOptions): OzonClient;
}

/** Adds the auth and User-Agent headers; refuses to send the key anywhere but https or loopback. */
function authMiddleware(o: ResolvedOptions): Middleware {
  return {
    async onRequest({ request }) {
      const url = new URL(request.url);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
        throw new TypeError(`refusing to send the credentials over ${url.protocol}//${url.host}: use https`);
      }
      await o.auth.apply(request.headers);
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
      return new OzonNetworkError({ method: request.method, path: schemaPath, secrets: o.secrets, reason, cause: error });
    },
  };
}

/**
 * Checks that a 2xx JSON body is there and parses (openapi-fetch would resolve an empty one to
 * `undefined` and throw a bare SyntaxError on a broken one), keeps integers beyond 2^53 exact
 * (as strings), and records each response's method, schema path and attempts so `unwrap` can
 * name them in errors.
 */
function responseMiddleware(o: ResolvedOptions): Middleware {
  return {
    async onResponse({ request, response, schemaPath, options }) {
      const info = { method: request.method, path: schemaPath, secrets: o.secrets, ...attemptInfoOf(response) };
      let out = response;
      const noBody = response.status === 204 || response.status === 205 || request.method === 'HEAD';
      if (response.ok && options.parseAs === 'json' && !noBody) {
        const bytes = bufferedBody(response);
        const text = bytes ? decoder.decode(bytes) : await response.clone().text();
        if (text.trim() === '') throw emptyBodyError(response, info);
        let parsed: unknown;
        try {
          parsed = parseJson(text);
        } catch (e) {
          throw malformedJsonError(text, response, info, e);
        }
        // Hand openapi-fetch the body parsed once: a copy with a Content-Length whose `json()`
        // returns it (openapi-fetch calls `json()` when a Content-Length is there).
        if (!bytes) out = withLength(response, text);
        Object.defineProperty(out, 'json', { value: async () => parsed });
      }
      rememberRequest(out, info);
      return out;
    },
  };
}

/** A copy of a response read as text, with a Content-Length so openapi-fetch calls its `json()`. */
function withLength(response: Response, text: string): Response {
  const headers = new Headers(response.headers);
  headers.set('content-length', String(new TextEncoder().encode(text).byteLength));
  headers.delete('transfer-encoding');
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
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
  }) as OzonClient;
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
  const limiter = o.limiter ?? sharedLimiter(o.clock);
  return build({ o, limiter }, { retry: o.retry, idempotent: undefined, timeoutMs: o.timeoutMs });
}
