// The type of the client's methods (`ozon.POST(path, init)` and the others). At run time they
// follow openapi-fetch (src/core.ts); the types are spelled here, per operation, instead of
// openapi-fetch's generic ones, which map every request and answer type through `Readable`/
// `Writable` and compute the init type over all paths at the first call (seconds of
// type-checking for a spec of Ozon's size).
import type { Middleware } from 'openapi-fetch';
import type { CurrentPathsByMethod, DeprecatedPathsByMethod, OperationsByMethod, paths } from '../generated/schema.js';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** The operation of each path with method `M` (a generated interface, indexed by the path). */
export type OperationsOf<M extends HttpMethod> = M extends keyof OperationsByMethod ? OperationsByMethod[M] : Record<never, never>;

/** The schema paths that have method `M` (the keys of a generated interface: no intersection with `keyof paths` to compute). */
export type PathsWith<M extends HttpMethod> = keyof OperationsOf<M>;

/** Paths of deprecated operations with the HTTP method `M` (a generated union). */
export type DeprecatedPath<M extends HttpMethod> = M extends keyof DeprecatedPathsByMethod ? DeprecatedPathsByMethod[M] : never;

/** The operation object of `M P`. */
export type OperationOf<P extends keyof paths, M extends HttpMethod> = paths[P] extends { [K in M]: infer O } ? O : never;

type Content<C> = C extends { content: infer X } ? ('application/json' extends keyof X ? X['application/json'] : X[keyof X]) : undefined;
type Ok = 200 | 201 | 202 | 203 | 204 | 206 | '2XX';
type Responses<O> = O extends { responses: infer R } ? R : Record<never, never>;

/** The body of a successful answer (2xx), as openapi-fetch parses it. */
export type SuccessOf<O> = Content<Responses<O>[Ok & keyof Responses<O>]>;
/** The body of an error answer (4xx, 5xx, default). */
export type ErrorOf<O> = Content<Responses<O>[Exclude<keyof Responses<O>, Ok>]>;

type BodyOption<O> = O extends { requestBody: { content: infer C } }
  ? { body: 'application/json' extends keyof C ? C['application/json'] : C[keyof C] }
  : O extends { requestBody?: { content: infer C } }
    ? { body?: 'application/json' extends keyof C ? C['application/json'] : C[keyof C] }
    : { body?: never };
/** The operation's parameters; none when it has no `parameters` (the generated types leave out an empty one). */
type Params<O> = O extends { parameters: infer X } ? X : NoParameters;
type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };
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

/** The init of the operation `O`: body, parameters and call options. */
export type OperationInit<O, A extends ParseAs = 'json'> = CallOptions<A> & BodyOption<O> & ParamsOption<O>;

/** The second argument of `M P`: body, parameters and call options. */
export type InitOf<P extends keyof paths, M extends HttpMethod, A extends ParseAs = 'json'> = OperationInit<OperationOf<P, M>, A>;

/** What a call resolves to: openapi-fetch's `{ data, error, response }`. */
export type CallResult<D, E> = { data: D; error?: never; response: Response } | { data?: never; error: E; response: Response };

/**
 * The arguments after the path of the operation `O`: the init, optional when nothing in it is
 * required (the call options never are, so only the body and the parameters are looked at).
 */
export type OperationArgs<O, A extends ParseAs = 'json'> = Record<never, never> extends BodyOption<O> & ParamsOption<O> ? [init?: OperationInit<O, A>] : [init: OperationInit<O, A>];

/** What a call of the operation `O` resolves to. */
export type OperationReturn<O, A extends ParseAs = 'json'> = Promise<CallResult<Parsed<SuccessOf<O>, A>, ErrorOf<O>>>;

/** The arguments after the path: the init, optional when nothing in it is required. */
export type CallArgs<P extends keyof paths, M extends HttpMethod, A extends ParseAs = 'json'> = OperationArgs<OperationOf<P, M>, A>;

/** What `M P` resolves to. */
export type CallReturn<P extends keyof paths, M extends HttpMethod, A extends ParseAs = 'json'> = OperationReturn<OperationOf<P, M>, A>;

/**
 * `ozon.POST(path, init)` and the other methods: typed by the path, checked per operation. The
 * path's type parameter ranges over a generated interface's keys; the operation is read with
 * `OperationOf`, a conditional type that is not distributive: while the path is being inferred,
 * the init's contextual type stays `unknown` instead of the union of every operation's init.
 */
export type ClientMethod<M extends HttpMethod> = <P extends PathsWith<M> & keyof paths, A extends ParseAs = 'json'>(path: P, ...init: CallArgs<P, M, A>) => CallReturn<P, M, A>;

type Current<M extends HttpMethod> = M extends keyof CurrentPathsByMethod ? CurrentPathsByMethod[M] : never;
/** `unknown` when the path `P` is one of `Paths`, else `never` (not distributive: P is one literal). */
type OnlyIf<P, Paths> = [P] extends [Paths] ? unknown : never;
/** As `OnlyIf`, and `unknown` for an unknown path too (P is then every path: the error lists them). */
type CurrentOnly<P, M extends HttpMethod> = [P] extends [Current<M>] ? unknown : [PathsWith<M>] extends [P] ? unknown : never;

/**
 * The typed methods of the client (openapi-fetch's at run time). POST and GET have two signatures:
 * one for the paths of current operations, then one for deprecated paths that carries
 * `@deprecated`. openapi-typescript puts the tag on `paths[P].post`, which a call never names, so
 * the second signature is what makes an editor strike a deprecated call through and say why on
 * hover (TypeScript's deprecated-signature hint, 6387). A call of a current operation resolves to
 * the first signature, so it is checked once. In both, P ranges over every path of the method and
 * is inferred from the argument; the path is typed `P & OnlyIf<P, ...>`, so the other kind of path
 * fails at the first argument, while the init is typed by the call's own operation (a wrong
 * number of arguments is reported as such). The operation is read with `OperationOf`, a
 * conditional type that is not distributive: while P is being inferred, the init's contextual
 * type is not the union of every operation's.
 */
export interface TypedClient {
  GET<P extends PathsWith<'get'>, A extends ParseAs = 'json'>(path: P & CurrentOnly<P, 'get'>, ...init: CallArgs<P, 'get', A>): CallReturn<P, 'get', A>;
  /**
   * @deprecated Ozon has deprecated this method, or switched it off. Its description names the
   * method to use instead; the client also warns once at run time (see `onDeprecated`).
   */
  GET<P extends PathsWith<'get'>, A extends ParseAs = 'json'>(path: P & OnlyIf<P, DeprecatedPath<'get'>>, ...init: CallArgs<P, 'get', A>): CallReturn<P, 'get', A>;
  PUT: ClientMethod<'put'>;
  POST<P extends PathsWith<'post'>, A extends ParseAs = 'json'>(path: P & CurrentOnly<P, 'post'>, ...init: CallArgs<P, 'post', A>): CallReturn<P, 'post', A>;
  /**
   * @deprecated Ozon has deprecated this method, or switched it off. Its description names the
   * method to use instead; the client also warns once at run time (see `onDeprecated`).
   */
  POST<P extends PathsWith<'post'>, A extends ParseAs = 'json'>(path: P & OnlyIf<P, DeprecatedPath<'post'>>, ...init: CallArgs<P, 'post', A>): CallReturn<P, 'post', A>;
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
