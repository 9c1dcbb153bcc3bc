// The call core behind `ozon.POST(path, init)` and the other methods: openapi-fetch's rules (its
// own serializers for the path, query, headers and body; its middleware; its `{ data, error,
// response }` results), without its per-call `Request`: one is built only when there is
// middleware to hand it to.
import { createFinalURL, createQuerySerializer, defaultBodySerializer, defaultPathSerializer, mergeHeaders, type Middleware } from 'openapi-fetch';
import { bufferedBody, type Outgoing } from './answer.js';

/** What the client plugs into the core. */
export interface CoreHooks {
  baseUrl: string;
  /** Sets the auth and User-Agent headers of a request to `url` (and refuses a URL that may not get them). */
  prepare(headers: Headers, url: string): void | Promise<void>;
  /** Sends the request (attempts, retries, timeouts) and resolves to the final answer. */
  send(out: Outgoing, schemaPath: string, caller: AbortSignal | undefined, fetch: ((input: Request) => Promise<Response>) | undefined): Promise<Response>;
  /** What an error of `send` becomes once middleware had its say. */
  failed(error: unknown, method: string, schemaPath: string, aborted: boolean): Error;
  /** The data of a 2xx answer read as JSON (it checks and parses the body). */
  json(response: Response, method: string, schemaPath: string): Promise<unknown>;
  /** Sees every answer the call resolves with. */
  answered(response: Response, method: string, schemaPath: string): void;
}

type Init = Record<string, any>;
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;
const defaultQuery = createQuerySerializer();
const decoder = new TextDecoder();

export function createCore(hooks: CoreHooks) {
  const globalMiddleware: Middleware[] = [];

  async function call(schemaPath: string, fetchOptions: Init | undefined, method: string) {
    const {
      baseUrl: localBaseUrl,
      fetch: callFetch,
      headers,
      params = {},
      parseAs = 'json',
      querySerializer: qs,
      bodySerializer = defaultBodySerializer,
      pathSerializer = defaultPathSerializer,
      body,
      middleware: callMiddleware,
      Request: _request,
      ...init
    } = fetchOptions ?? {};
    const baseUrl = localBaseUrl ? String(localBaseUrl).replace(/\/$/, '') : hooks.baseUrl;
    const querySerializer = typeof qs === 'function' ? qs : qs ? createQuerySerializer(qs) : defaultQuery;
    const url = params.path || params.query ? createFinalURL(schemaPath, { baseUrl, params, querySerializer, pathSerializer }) : baseUrl + schemaPath;
    const custom = headers !== undefined || params.header !== undefined;
    const serialized = body === undefined ? undefined : bodySerializer(body, custom ? mergeHeaders(headers, params.header) : new Headers());
    // openapi-fetch's order: the JSON Content-Type first, so the call's own headers override it.
    const json = serialized !== undefined && !(serialized instanceof FormData);
    const finalHeaders = custom ? mergeHeaders(json ? { 'Content-Type': 'application/json' } : {}, headers, params.header) : new Headers(json ? { 'content-type': 'application/json' } : undefined);
    await hooks.prepare(finalHeaders, url);
    const all = callMiddleware?.length ? [...globalMiddleware, ...callMiddleware] : globalMiddleware;

    let response: Response | undefined;
    let sent = method;
    if (all.length === 0) {
      // The Request openapi-fetch builds refuses this; so must a call that builds none.
      if ((method === 'GET' || method === 'HEAD') && serialized != null) throw new TypeError('Request with GET/HEAD method cannot have body.');
      const out: Outgoing = { method, url, headers: finalHeaders, body: await bytesOf(serialized, finalHeaders), redirect: init.redirect ?? 'follow', init };
      try {
        response = await hooks.send(out, schemaPath, init.signal ?? undefined, callFetch);
      } catch (error) {
        throw hooks.failed(error, method, schemaPath, init.signal?.aborted === true);
      }
    } else {
      [response, sent] = await withMiddleware(all, { schemaPath, params, parseAs, baseUrl, callFetch, querySerializer, bodySerializer, pathSerializer }, new Request(url, { redirect: 'follow', ...init, method, body: serialized, headers: finalHeaders, ...(isStream(serialized) ? { duplex: 'half' } : {}) } as RequestInit));
    }
    return result(response, sent, schemaPath, parseAs);
  }

  /** The answer, and the method of the request that middleware let go out (openapi-fetch reads a HEAD's answer by it). */
  async function withMiddleware(all: Middleware[], ctx: Init, first: Request): Promise<[Response, string]> {
    let request = first;
    const id = Math.random().toString(36).slice(2, 11); // as openapi-fetch's randomID
    const { schemaPath, params } = ctx;
    const options = Object.freeze({ baseUrl: ctx.baseUrl, fetch: ctx.callFetch ?? globalThis.fetch, parseAs: ctx.parseAs, querySerializer: ctx.querySerializer, bodySerializer: ctx.bodySerializer, pathSerializer: ctx.pathSerializer });
    for (const m of all) {
      if (typeof m?.onRequest !== 'function') continue;
      const r = await m.onRequest({ request, schemaPath, params, options, id });
      if (!r) continue;
      if (r instanceof Request) request = r;
      else if (r instanceof Response) return [r, request.method];
      else throw new Error('onRequest: must return new Request() or Response() when modifying the request');
    }
    let response: Response | undefined;
    try {
      const body = request.body === null ? null : new Uint8Array(await request.clone().arrayBuffer());
      const out: Outgoing = { method: request.method, url: request.url, headers: request.headers, body, redirect: request.redirect };
      response = await hooks.send(out, schemaPath, request.signal, ctx.callFetch);
    } catch (error) {
      let err: unknown = error;
      for (let i = all.length - 1; i >= 0; i--) {
        const m = all[i];
        if (typeof m?.onError !== 'function') continue;
        const r = await m.onError({ request, error: err, schemaPath, params, options, id });
        if (!r) continue;
        if (r instanceof Response) {
          err = undefined;
          response = r;
          break;
        }
        if (r instanceof Error) err = r;
        else throw new Error('onError: must return new Response() or instance of Error');
      }
      if (err !== undefined) throw hooks.failed(err, request.method, schemaPath, request.signal.aborted);
    }
    for (let i = all.length - 1; i >= 0; i--) {
      const m = all[i];
      if (typeof m?.onResponse !== 'function') continue;
      const r = await m.onResponse({ request, response: response!, schemaPath, params, options, id });
      if (!r) continue;
      if (!(r instanceof Response)) throw new Error('onResponse: must return new Response() when modifying the response');
      response = r;
    }
    return [response!, request.method];
  }

  /** openapi-fetch's result rules; a 2xx JSON answer is read by the client's `json` hook. */
  async function result(response: Response, method: string, schemaPath: string, parseAs: string) {
    const noBody = response.status === 204 || response.status === 205 || method === 'HEAD';
    if (response.ok && parseAs === 'json' && !noBody) {
      const data = await hooks.json(response, method, schemaPath);
      hooks.answered(response, method, schemaPath);
      return { data, response };
    }
    hooks.answered(response, method, schemaPath);
    const length = response.headers.get('content-length');
    if (response.status === 204 || method === 'HEAD' || (length === '0' && !response.headers.get('transfer-encoding')?.includes('chunked'))) {
      return response.ok ? { data: undefined, response } : { error: undefined, response };
    }
    const bytes = bufferedBody(response);
    if (response.ok) {
      if (parseAs === 'stream') return { data: response.body, response };
      if (parseAs === 'json') {
        const raw = bytes ? decoder.decode(bytes) : await response.text();
        return { data: raw ? JSON.parse(raw) : undefined, response };
      }
      if (parseAs === 'text' && bytes) return { data: decoder.decode(bytes), response };
      if (parseAs === 'arrayBuffer' && bytes) return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), response };
      return { data: await (response.clone() as any)[parseAs](), response };
    }
    let error: unknown = bytes ? decoder.decode(bytes) : await response.text();
    try {
      error = JSON.parse(error as string);
    } catch {
      /* keep the text */
    }
    return { error, response };
  }

  const client: Record<string, unknown> = {
    request: (method: string, url: string, init?: Init) => call(url, init, method.toUpperCase()),
    use(...middleware: Middleware[]) {
      for (const m of middleware) {
        if (!m) continue;
        if (typeof m !== 'object' || !('onRequest' in m || 'onResponse' in m || 'onError' in m)) {
          throw new Error('Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`');
        }
        globalMiddleware.push(m);
      }
    },
    eject(...middleware: Middleware[]) {
      for (const m of middleware) {
        const i = globalMiddleware.indexOf(m);
        if (i !== -1) globalMiddleware.splice(i, 1);
      }
    },
  };
  for (const m of METHODS) client[m] = (url: string, init?: Init) => call(url, init, m);
  return client;
}

const isStream = (v: unknown) => typeof ReadableStream !== 'undefined' && v instanceof ReadableStream;

/**
 * The body as a string or bytes, read once for every attempt. Anything else fetch accepts
 * (FormData, Blob, URLSearchParams, a stream) is read through a Request, which also gives the
 * Content-Type fetch would send with it (a multipart boundary).
 */
async function bytesOf(body: unknown, headers: Headers): Promise<string | Uint8Array | null> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  const req = new Request('http://localhost/', { method: 'POST', body: body as BodyInit, duplex: 'half' } as RequestInit);
  const type = req.headers.get('content-type');
  if (type && !headers.has('content-type')) headers.set('content-type', type);
  return new Uint8Array(await req.arrayBuffer());
}
