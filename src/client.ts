import { nodeSend } from '#send';
import type { Send } from './answer.js';
import { bufferedBody } from './answer.js';
import type { TypedClient } from './client-types.js';
import { createCore } from './core.js';
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
import { parseJsonBytes } from './json.js';
import { sharedLimiter, type RateLimiter } from './rate-limit.js';
import { fetchSender } from './send-fetch.js';
import { attemptInfoOf, createTransport } from './transport.js';
import { rememberRequest } from './unwrap.js';

const decoder = new TextDecoder();

/**
 * The typed client: the Ozon Seller API `paths` typed per operation (see `TypedClient`, whose
 * deprecated-call signatures make editors mark deprecated calls), plus `withOptions`. An
 * interface, not an intersection: the checker resolves its methods once without comparing the
 * signatures of two types.
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

/** Refuses to send the credentials anywhere but https or a loopback host. */
function guard(o: ResolvedOptions, href: string): void {
  if (href.startsWith(o.baseUrl) && href.charAt(o.baseUrl.length) === '/') return; // checked when the client was made
  const url = new URL(href);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new TypeError(`refusing to send the credentials over ${url.protocol}//${url.host}: use https`);
  }
}

interface Shared {
  o: ResolvedOptions;
  limiter: RateLimiter;
  /** How this client's requests go out: the injected fetch, node:http, or the global fetch. */
  send: Send;
}

function build(shared: Shared, r: ResolvedRequestOptions): OzonClient {
  const { o, limiter, send } = shared;
  const transport = createTransport({ client: o, request: r, limiter });
  const facts = (response: Response, method: string, path: string) => ({ method, path, secrets: o.secrets, ...attemptInfoOf(response) });
  const client = createCore({
    baseUrl: o.baseUrl,
    async prepare(headers, url) {
      guard(o, url);
      await o.auth.apply(headers);
      headers.set('User-Agent', o.userAgent);
    },
    send(out, schemaPath, caller, callFetch) {
      guard(o, out.url);
      return transport({ out, schemaPath, caller, send: callFetch ? fetchSender(callFetch, true) : send });
    },
    // Ozon errors (timeout, network) and the caller's abort stay as they are; anything else
    // thrown below (an injected fetch, middleware) becomes an OzonNetworkError.
    failed(error, method, path, aborted) {
      if (error instanceof OzonApiError) return error;
      if (aborted || (error instanceof Error && error.name === 'AbortError')) return error as Error;
      const reason = error instanceof Error ? error.message : String(error);
      return new OzonNetworkError({ method, path, secrets: o.secrets, reason, cause: error });
    },
    // A 2xx JSON body must be there and parse (an empty or broken one is an OzonApiError, not
    // `undefined` or a bare SyntaxError); integers beyond 2^53 stay exact (as strings).
    async json(response, method, path) {
      const bytes = bufferedBody(response) ?? new Uint8Array(await response.clone().arrayBuffer());
      try {
        return parseJsonBytes(bytes);
      } catch (e) {
        const text = decoder.decode(bytes);
        if (text.trim() === '') throw emptyBodyError(response, facts(response, method, path));
        throw malformedJsonError(text, response, facts(response, method, path), e);
      }
    },
    // Each answer's method, schema path and attempts, so `unwrap` can name them in errors.
    answered: (response, method, path) => rememberRequest(response, facts(response, method, path)),
  });
  return Object.assign(client as unknown as TypedClient, {
    withOptions: (options: RequestOptions) => build(shared, resolveRequestOptions(options, r)),
  }) as OzonClient;
}

/** The sender of a client: every request through an injected fetch; else node:http on Node, or the global fetch. */
function senderOf(o: ResolvedOptions): Send {
  if (o.fetch) return fetchSender(o.fetch, true);
  if (o.transport === 'auto' && nodeSend) return nodeSend;
  if (typeof globalThis.fetch !== 'function') throw new TypeError('createOzonClient: no global fetch is available: pass option "fetch"');
  return fetchSender(globalThis.fetch, false);
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
  return build({ o, limiter, send: senderOf(o) }, { retry: o.retry, idempotent: undefined, timeoutMs: o.timeoutMs });
}
