// Marks calls of deprecated operations at the call site. openapi-typescript puts `@deprecated` on
// `paths[P].post`, which a call such as `ozon.POST('/v2/posting/fbs/list', ...)` never names, so an
// editor shows nothing there. These call signatures, placed before openapi-fetch's in the client's
// type, match only deprecated paths and carry `@deprecated`: the editor strikes `POST` through and
// its hover says why (TypeScript's deprecated-signature suggestion, 6387). Types only.
import type { FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import type { operations } from '../generated/operations.js';
import type { paths } from '../generated/schema.js';

/** Paths of deprecated operations with the HTTP method `M`, from the spec's operations table. */
export type DeprecatedPath<M extends string> = {
  [K in keyof typeof operations]: (typeof operations)[K] extends { method: M; deprecated: true; path: infer P extends keyof paths } ? P : never;
}[keyof typeof operations];

type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** openapi-fetch's rule for the init argument: optional when nothing in it is required. */
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];
type Media = `${string}/${string}`;

export interface DeprecatedCalls {
  /**
   * @deprecated Ozon has deprecated this method, or switched it off. Its description names the
   * method to use instead; the client also warns once at run time (see `onDeprecated`).
   */
  POST<Path extends DeprecatedPath<'POST'>, Init extends MaybeOptionalInit<paths[Path], 'post'>>(url: Path, ...init: InitParam<Init>): Promise<FetchResponse<paths[Path]['post'], Init, Media>>;
  /**
   * @deprecated Ozon has deprecated this method, or switched it off. Its description names the
   * method to use instead; the client also warns once at run time (see `onDeprecated`).
   */
  GET<Path extends DeprecatedPath<'GET'>, Init extends MaybeOptionalInit<paths[Path], 'get'>>(url: Path, ...init: InitParam<Init>): Promise<FetchResponse<paths[Path]['get'], Init, Media>>;
}
