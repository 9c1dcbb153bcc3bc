import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';
import { OzonNetworkError, OzonTimeoutError } from './errors.js';
import { isLoopbackHost, resolveOptions, type OzonClientOptions, type ResolvedOptions } from './options.js';
import { rememberRequest } from './unwrap.js';

/** The typed client: openapi-fetch over the Ozon Seller API `paths`. */
export type OzonClient = Client<paths>;

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

/** Aborts each request after `timeoutMs`, together with any signal the caller passed. */
function timeoutMiddleware(o: ResolvedOptions): Middleware {
  const timedOut = new WeakSet<Request>();
  return {
    onRequest({ request }) {
      if (o.timeoutMs <= 0) return request;
      const timer = AbortSignal.timeout(o.timeoutMs);
      const next = new Request(request, { signal: AbortSignal.any([request.signal, timer]) });
      timer.addEventListener('abort', () => timedOut.add(next), { once: true });
      return next;
    },
    onError({ error, request, schemaPath }) {
      const where = { method: request.method, path: schemaPath, secrets: [o.apiKey] };
      if (timedOut.has(request)) return new OzonTimeoutError({ ...where, timeoutMs: o.timeoutMs, cause: error });
      if (request.signal.aborted || (error instanceof Error && error.name === 'AbortError')) return error as Error;
      if (error instanceof OzonTimeoutError || error instanceof OzonNetworkError) return error;
      if (error instanceof TypeError && /refusing to send/.test(error.message)) return error;
      const reason = error instanceof Error ? describe(error) : String(error);
      return new OzonNetworkError({ ...where, reason, cause: error });
    },
  };
}

function describe(error: Error): string {
  const inner = (error as { cause?: unknown }).cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    return `${error.message} (${typeof code === 'string' ? `${code}: ` : ''}${inner.message})`;
  }
  return error.message;
}

/** Records each request's method and schema path so `unwrap` can name them in errors. */
function bookkeepingMiddleware(o: ResolvedOptions): Middleware {
  return {
    onResponse({ request, response, schemaPath }) {
      rememberRequest(response, { method: request.method, path: schemaPath, secrets: [o.apiKey] });
      return response;
    },
  };
}

/**
 * Creates a typed Ozon Seller API client.
 *
 * ```ts
 * const ozon = createOzonClient({ clientId: '123', apiKey: process.env.OZON_API_KEY! });
 * const { data, error } = await ozon.POST('/v3/product/list', { body: { filter: {}, limit: 100 } });
 * ```
 */
export function createOzonClient(options: OzonClientOptions): OzonClient {
  const o = resolveOptions(options);
  const client = createClient<paths>({ baseUrl: o.baseUrl, fetch: o.fetch });
  client.use(authMiddleware(o), timeoutMiddleware(o), bookkeepingMiddleware(o));
  return client;
}
