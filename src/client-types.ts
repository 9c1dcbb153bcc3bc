// The type of the client's methods (`ozon.POST(path, init)` and the others). At run time they
// follow openapi-fetch (src/core.ts); the types are spelled here, per operation, instead of
// openapi-fetch's generic ones, which map every request and answer type through `Readable`/
// `Writable` and compute the init type over all paths at the first call (seconds of
// type-checking for a spec of Ozon's size).
import type { Middleware } from 'openapi-fetch';
import type { MethodPaths } from '../generated/operations.js';
import type { paths } from '../generated/schema.js';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** The schema paths that have method `M` (a generated union: no mapped type over every path). */
export type PathsWith<M extends HttpMethod> = M extends keyof MethodPaths ? MethodPaths[M] & keyof paths : never;

/** The operation object of `M P`. */
export type OperationOf<P extends keyof paths, M extends HttpMethod> = paths[P] extends { [K in M]: infer O } ? O : never;

type Content<C> = C extends { content: infer X } ? ('application/json' extends keyof X ? X['application/json'] : X[keyof X]) : undefined;
type Ok = 200 | 201 | 202 | 203 | 204 | 206 | '2XX';
type Responses<O> = O extends { responses: infer R } ? R : Record<never, never>;

/** The body of a successful answer (2xx), as openapi-fetch parses it. */
export type SuccessOf<O> = { [S in keyof Responses<O>]: S extends Ok ? Content<Responses<O>[S]> : never }[keyof Responses<O>];
/** The body of an error answer (4xx, 5xx, default). */
export type ErrorOf<O> = { [S in keyof Responses<O>]: S extends Ok ? never : Content<Responses<O>[S]> }[keyof Responses<O>];

type BodyOption<O> = O extends { requestBody: { content: infer C } }
  ? { body: 'application/json' extends keyof C ? C['application/json'] : C[keyof C] }
  : O extends { requestBody?: { content: infer C } }
    ? { body?: 'application/json' extends keyof C ? C['application/json'] : C[keyof C] }
    : { body?: never };
type Params<O> = O extends { parameters: infer X } ? X : never;
type ParamsOption<O> = Params<O> extends { path: object } | { query: object } | { header: object } ? { params: Params<O> } : { params?: Params<O> };

export type ParseAs = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';
type Parsed<D, A extends ParseAs> = A extends 'text' ? string : A extends 'blob' ? Blob : A extends 'arrayBuffer' ? ArrayBuffer : A extends 'stream' ? ReadableStream<Uint8Array> | null : D;

/** What openapi-fetch accepts besides the body and the parameters. */
export interface CallOptions<A extends ParseAs = 'json'> extends Omit<RequestInit, 'body' | 'headers' | 'method'> {
  /** Extra headers of this call. */
  headers?: HeadersInit | Record<string, string | number | boolean | (string | number | boolean)[] | null | undefined>;
  /** How to read the answer. Default: `'json'`. */
  parseAs?: A;
  /** Another API root for this call. */
  baseUrl?: string;
  /** Middleware for this call only. */
  middleware?: Middleware[];
  /** Serializes the body. Default: `JSON.stringify`. */
  bodySerializer?: (body: never) => unknown;
  /** Serializes the query string. */
  querySerializer?: ((query: never) => string) | Record<string, unknown>;
  /** Sends this call through this fetch (with the client's timeouts, retries and rate limits). */
  fetch?: (input: Request) => Promise<Response>;
}

/** The second argument of `M P`: body, parameters and call options. */
export type InitOf<P extends keyof paths, M extends HttpMethod, A extends ParseAs = 'json'> = CallOptions<A> &
  BodyOption<OperationOf<P, M>> &
  ParamsOption<OperationOf<P, M>>;

/** What a call resolves to: openapi-fetch's `{ data, error, response }`. */
export type CallResult<D, E> = { data: D; error?: never; response: Response } | { data?: never; error: E; response: Response };

/** The arguments after the path: the init, optional when nothing in it is required. */
export type CallArgs<P extends keyof paths, M extends HttpMethod, A extends ParseAs = 'json'> =
  Record<never, never> extends InitOf<P, M, A> ? [init?: InitOf<P, M, A>] : [init: InitOf<P, M, A>];

/** What `M P` resolves to. */
export type CallReturn<P extends keyof paths, M extends HttpMethod, A extends ParseAs = 'json'> = Promise<
  CallResult<Parsed<SuccessOf<OperationOf<P, M>>, A>, ErrorOf<OperationOf<P, M>>>
>;

/** `ozon.POST(path, init)` and the other methods: typed by the path, checked per operation. */
export type ClientMethod<M extends HttpMethod> = <P extends PathsWith<M>, A extends ParseAs = 'json'>(path: P, ...init: CallArgs<P, M, A>) => CallReturn<P, M, A>;

/** The typed methods of the client (openapi-fetch's at run time). */
export interface TypedClient {
  GET: ClientMethod<'get'>;
  PUT: ClientMethod<'put'>;
  POST: ClientMethod<'post'>;
  DELETE: ClientMethod<'delete'>;
  OPTIONS: ClientMethod<'options'>;
  HEAD: ClientMethod<'head'>;
  PATCH: ClientMethod<'patch'>;
  TRACE: ClientMethod<'trace'>;
  /** Adds middleware to every call of this client. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
}
