// Types of `paginate`, derived from the spec: `PaginationPaths` (generated from x-pagination) says
// where the items and the cursor are, `paths` gives the body and answer types.
import type { PaginatedPath, PaginationPaths } from '../generated/operations.js';
import type { paths } from '../generated/schema.js';

type PostOp<P extends keyof paths> = paths[P] extends { post: infer Op } ? Op : never;

/** The JSON request body of `POST P`. */
export type RequestBodyOf<P extends keyof paths> = PostOp<P> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The JSON 200 body of `POST P`. */
export type ResponseOf<P extends keyof paths> = PostOp<P> extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

type ItemsPath<P extends PaginatedPath> = PaginationPaths[P]['items'];
type CursorPath<P extends PaginatedPath> = PaginationPaths[P]['cursor'];

/** The value at a dotted path, through optional properties. */
export type ValueAt<T, Path extends string> = Path extends `${infer Head}.${infer Rest}`
  ? ValueAt<Head extends keyof NonNullable<T> ? NonNullable<T>[Head] : never, Rest>
  : Path extends keyof NonNullable<T>
    ? NonNullable<T>[Path]
    : never;

/** `T` without the property at a dotted path (each member of a union on its own). */
export type OmitAt<T, Path extends string> = T extends unknown
  ? Path extends `${infer Head}.${infer Rest}`
    ? Head extends keyof T
      ? Omit<T, Head> & { [K in keyof T as K extends Head ? K : never]: OmitAt<NonNullable<T[K]>, Rest> }
      : T
    : Omit<T, Path>
  : never;

type Flat<T> = { [K in keyof T]: T[K] } & {};

/** One item of the list that `POST P` pages through. */
export type PageItem<P extends PaginatedPath> = NonNullable<ValueAt<ResponseOf<P>, ItemsPath<P>>> extends readonly (infer I)[] ? I : never;

/** The body `paginate` takes for `P`: the operation's body without the cursor field, which it sets itself. */
export type PaginateBody<P extends PaginatedPath> = Flat<OmitAt<RequestBodyOf<P>, CursorPath<P>>>;

/** One page, as `paginate.pages` yields it. */
export interface Page<P extends PaginatedPath> {
  /** The whole 200 body of the page. */
  data: ResponseOf<P>;
  /** The page's items (the array at the operation's `x-pagination.items`). */
  items: PageItem<P>[];
  /** 1 for the first page. */
  index: number;
}

export interface PaginateOptions {
  /** Stop after this many items: `paginate` yields no more, `paginate.pages` fetches no further page. Default: no limit. */
  maxItems?: number;
  /** Stop after this many pages. Default: no limit. */
  maxPages?: number;
  /** Aborts the iteration and the request in flight. Default: none. */
  signal?: AbortSignal;
}
