// Marks calls of deprecated operations at the call site. openapi-typescript puts `@deprecated` on
// `paths[P].post`, which a call such as `ozon.POST('/v2/posting/fbs/list', ...)` never names, so an
// editor shows nothing there. These call signatures, placed before the typed methods in the client's
// type, match only deprecated paths and carry `@deprecated`: the editor strikes `POST` through and
// its hover says why (TypeScript's deprecated-signature suggestion, 6387). Types only.
import type { DeprecatedPaths } from '../generated/operations.js';
import type { paths } from '../generated/schema.js';
import type { CallArgs, CallReturn, HttpMethod, ParseAs, PathsWith } from './client-types.js';

/** Paths of deprecated operations with the HTTP method `M` (a generated union). */
export type DeprecatedPath<M extends HttpMethod> = M extends keyof DeprecatedPaths ? DeprecatedPaths[M] & keyof paths : never;

// The path is typed `P & DeprecatedPath<M>` (P inferred from the argument) rather than
// `P extends DeprecatedPath<M>`: a call of a current path then fails this signature at its first
// argument, instead of having its init checked against the union of every deprecated operation's.
export interface DeprecatedCalls {
  /**
   * @deprecated Ozon has deprecated this method, or switched it off. Its description names the
   * method to use instead; the client also warns once at run time (see `onDeprecated`).
   */
  POST<P extends PathsWith<'post'>, A extends ParseAs = 'json'>(path: P & DeprecatedPath<'post'>, ...init: CallArgs<P, 'post', A>): CallReturn<P, 'post', A>;
  /**
   * @deprecated Ozon has deprecated this method, or switched it off. Its description names the
   * method to use instead; the client also warns once at run time (see `onDeprecated`).
   */
  GET<P extends PathsWith<'get'>, A extends ParseAs = 'json'>(path: P & DeprecatedPath<'get'>, ...init: CallArgs<P, 'get', A>): CallReturn<P, 'get', A>;
}
