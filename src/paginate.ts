import { operationInfo, type PaginatedPath, type Pagination } from '../generated/operations.js';
import type { TypedClient } from './client-types.js';
import { getAt, isPlainObject, setAt } from './dotted.js';
import { OzonApiError } from './errors.js';
import type { Page, PageItem, PaginateBody, PaginateOptions, ResponseOf } from './paginate-types.js';
import { unwrap } from './unwrap.js';

/** Any client with the typed methods over the Ozon paths (an `OzonClient` is one). */
export type PostClient = TypedClient;
type LoosePost = (path: string, init: { body: unknown; signal?: AbortSignal }) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function checkCount(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new TypeError(`paginate: option "${name}" must be an integer >= 1; got ${String(v)}`);
  return v;
}

function paginationOf(path: string): Pagination {
  const p = operationInfo('POST', path)?.pagination;
  if (!p) throw new TypeError(`paginate: POST ${String(path)} is not a paginated operation (it has no x-pagination in the spec)`);
  return p;
}

/** Values that mean "no next position" in last_id and cursor styles. */
const isEmptyCursor = (c: unknown) => c === undefined || c === null || c === '' || c === 0;

/** A count from the answer: a number, or a string of digits (Ozon sends some int64 counts as strings). */
const asCount = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);

/**
 * The page size that ends the list when a page comes back shorter: the body's limit, for methods
 * whose answer has no end marker (no has_next, total, page count or next position). Ozon fills
 * every page up to the limit but the last one, so a short page saves the request for an empty one.
 */
function shortPageLimit(p: Pagination, body: unknown): number | undefined {
  const r = p.response ?? {};
  if (r.hasNext || r.total || r.pageCount || r.cursor || !p.request.limit) return undefined;
  const limit = asCount(getAt(body, p.request.limit));
  return limit !== undefined && limit > 0 ? limit : undefined;
}

interface Plan {
  p: Pagination;
  maxItems: number | undefined;
  maxPages: number | undefined;
}

/** Checks the arguments when `paginate` is called, not at the first `next()`. */
function plan(path: string, body: unknown, opts: PaginateOptions | undefined): Plan {
  const p = paginationOf(path);
  if (opts !== undefined && !isPlainObject(opts)) throw new TypeError('paginate: options must be an object');
  const maxItems = checkCount('maxItems', opts?.maxItems);
  const maxPages = checkCount('maxPages', opts?.maxPages);
  if (body !== undefined && !isPlainObject(body)) throw new TypeError(`paginate: the body of POST ${path} must be an object`);
  if (getAt(body, p.request.cursor) !== undefined) {
    throw new TypeError(`paginate: leave "${p.request.cursor}" out of the body of POST ${path}; paginate sets it for each page`);
  }
  return { p, maxItems, maxPages };
}

async function* pages<P extends PaginatedPath>(
  client: PostClient,
  path: P,
  body: PaginateBody<P>,
  opts: PaginateOptions,
  { p, maxItems, maxPages }: Plan,
): AsyncGenerator<Page<P>, void, undefined> {
  const post = client.POST as unknown as LoosePost;
  const r = p.response ?? {};
  const where = { method: 'POST', path };
  let cursor: unknown = p.style === 'offset' ? 0 : p.style === 'page' ? (p.firstPage ?? 1) : p.firstCursor;
  const sent = new Set<string>(); // positions sent so far: a few bytes a page, to catch a cycle of any length
  let seen = 0;
  const shortPage = shortPageLimit(p, body);
  for (let index = 1; ; index++) {
    const pageBody = structuredClone(body ?? {}) as Record<string, unknown>;
    if (cursor !== undefined) setAt(pageBody, p.request.cursor, p.offsetAsString ? String(cursor) : cursor);
    const data = await unwrap(post(path, { body: pageBody, ...(opts.signal ? { signal: opts.signal } : {}) }));
    const found = getAt(data, p.items);
    // Ozon's gateway leaves empty lists out of the answer: a missing list is an empty page.
    if (found !== undefined && found !== null && !Array.isArray(found)) {
      throw new OzonApiError({ ...where, status: 200, message: `POST ${path} answered without a list at "${p.items}" (page ${index}); got ${typeof found}` });
    }
    const items = (found ?? []) as PageItem<P>[];
    yield { data: data as ResponseOf<P>, items, index };
    seen += items.length;

    if (items.length === 0 || (shortPage !== undefined && items.length < shortPage)) return;
    if ((maxItems !== undefined && seen >= maxItems) || (maxPages !== undefined && index >= maxPages)) return;
    if (r.hasNext && getAt(data, r.hasNext) === false) return;
    const total = r.total ? asCount(getAt(data, r.total)) : undefined;
    if (total !== undefined && seen >= total) return;
    const pageCount = r.pageCount ? asCount(getAt(data, r.pageCount)) : undefined;
    if (pageCount !== undefined && index >= pageCount) return;

    if (p.style === 'offset') cursor = (cursor as number) + items.length;
    else if (p.style === 'page') cursor = (cursor as number) + 1;
    else {
      const next = r.cursor ? getAt(data, r.cursor) : r.itemCursor ? getAt(items[items.length - 1], r.itemCursor) : undefined;
      if (isEmptyCursor(next)) return;
      const key = JSON.stringify(next);
      if (sent.has(key)) {
        throw new OzonApiError({
          ...where,
          status: 200,
          message: `POST ${path} gave the position ${key} a second time (page ${index}); paginate stops rather than loop forever`,
        });
      }
      sent.add(key);
      cursor = next;
    }
  }
}

async function* items<P extends PaginatedPath>(
  client: PostClient,
  path: P,
  body: PaginateBody<P>,
  opts: PaginateOptions,
  plan: Plan,
): AsyncGenerator<PageItem<P>, void, undefined> {
  const max = plan.maxItems ?? Infinity;
  let n = 0;
  for await (const page of pages(client, path, body, opts, plan)) {
    for (const item of page.items) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      yield item;
      if (++n >= max) return;
    }
  }
}

/**
 * Iterates over every item of a paginated list, fetching pages as they are needed (one page in
 * memory at a time). Works for every operation with `x-pagination`: last_id, offset, page and
 * cursor styles. It stops on `has_next: false`, an empty page, `total` or `page_count` reached,
 * or an empty cursor; for methods whose answer has none of these markers, on a page shorter than
 * the body's limit. A cursor that comes back twice throws `OzonApiError`.
 *
 * ```ts
 * for await (const ret of paginate(ozon, '/v1/returns/list', { filter: {}, limit: 500 })) console.log(ret.id);
 * ```
 */
export function paginate<P extends PaginatedPath>(client: PostClient, path: P, body: PaginateBody<P>, opts?: PaginateOptions): AsyncIterable<PageItem<P>> {
  return items(client, path, body, opts ?? {}, plan(path, body, opts));
}

/** Like `paginate`, but yields whole pages: `{ data, items, index }`. */
paginate.pages = function paginatePages<P extends PaginatedPath>(client: PostClient, path: P, body: PaginateBody<P>, opts?: PaginateOptions): AsyncIterable<Page<P>> {
  return pages(client, path, body, opts ?? {}, plan(path, body, opts));
};
