// paginate and paginate.pages against a real loopback server that serves a list in pages, for
// each of the four styles and every end condition; a repeated cursor; options and bad input.
import { afterEach, describe, expect, it } from 'vitest';
import { createOzonClient, OzonApiError, paginate, type DeprecationNotice, type OzonClient } from '../src/index.js';
import { KEY } from './helpers.js';
import { sendJson, startServer, type Seen, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering every request with `page(body, n)` (n counts requests from 1). */
/** Deprecation notices of the calls (some paths here are deprecated): captured, not printed. */
const notices: DeprecationNotice[] = [];

async function serve(page: (body: any, n: number) => unknown): Promise<{ ozon: OzonClient; seen: Seen[] }> {
  server = await startServer((req, res, n) => {
    const out = page(req.body, n);
    if (out instanceof Array && typeof out[0] === 'number') return sendJson(res, out[1], out[0]);
    sendJson(res, out);
  });
  return { ozon: createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: server.url, retry: false, onDeprecated: (n) => notices.push(n) }), seen: server.seen };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('last_id style', () => {
  // /v1/actions/candidates: items result.products, next position result.last_id, result.total.
  const candidates = (data: number[], size: number, opts: { total?: boolean; emptyAtEnd?: boolean } = {}) => (body: any) => {
    const start = body.last_id ? data.indexOf(Number(body.last_id)) + 1 : 0;
    const page = data.slice(start, start + size);
    const lastId = page.length ? page[page.length - 1]! : opts.emptyAtEnd ? 0 : data[data.length - 1]!;
    return { result: { products: page.map((id) => ({ id })), last_id: lastId, ...(opts.total ? { total: data.length } : {}) } };
  };

  it('ends when total is reached, sending the last_id of each page', async () => {
    const { ozon, seen } = await serve(candidates(ids(7), 3, { total: true }));
    const items = await collect(paginate(ozon, '/v1/actions/candidates', { action_id: 5, limit: 3 }));
    expect(items.map((p) => p.id)).toEqual(ids(7));
    expect(seen.map((r) => r.body.last_id)).toEqual([undefined, 3, 6]);
    expect(seen[1]!.body).toEqual({ action_id: 5, limit: 3, last_id: 3 });
  });

  it('ends on an empty page', async () => {
    const { ozon, seen } = await serve(candidates(ids(6), 3));
    expect((await collect(paginate(ozon, '/v1/actions/candidates', { action_id: 5, limit: 3 }))).length).toBe(6);
    expect(seen).toHaveLength(3);
  });

  it('ends on an empty cursor', async () => {
    // /v2/conditional-cancellation/list: items result, next position last_id, no total.
    const { ozon, seen } = await serve((body) => {
      const start = body.last_id ?? 0;
      return { result: ids(8).slice(start, start + 4).map((id) => ({ cancellation_id: id })), last_id: start + 4 < 8 ? start + 4 : '' };
    });
    const items = await collect(paginate(ozon, '/v2/conditional-cancellation/list', { limit: 4 }));
    expect(items.map((c) => c.cancellation_id)).toEqual(ids(8));
    expect(seen).toHaveLength(2);
  });

  it('ends on has_next: false, taking the next position from the last item (itemCursor)', async () => {
    // /v1/returns/list: items returns, next position = id of the last return, has_next.
    const data = [11, 12, 13, 14, 15];
    const { ozon, seen } = await serve((body) => {
      const start = body.last_id ? data.indexOf(body.last_id) + 1 : 0;
      return { returns: data.slice(start, start + 2).map((id) => ({ id })), has_next: start + 2 < data.length };
    });
    const items = await collect(paginate(ozon, '/v1/returns/list', { limit: 2 }));
    expect(items.map((r) => r.id)).toEqual(data);
    expect(seen.map((r) => r.body.last_id)).toEqual([undefined, 12, 14]);
  });

  it('sets a nested cursor field (pagination.last_id)', async () => {
    const data = [7, 8, 9];
    const { ozon, seen } = await serve((body) => {
      const start = body.pagination.last_id ? data.indexOf(body.pagination.last_id) + 1 : 0;
      return { drop_off_points: data.slice(start, start + 2).map((id) => ({ id })), has_next: start + 2 < data.length };
    });
    const items = await collect(paginate(ozon, '/v1/returns/company/fbs/info', { filter: { place_id: 1 }, pagination: { limit: 2 } }));
    expect(items.map((d) => d.id)).toEqual(data);
    expect(seen.map((r) => r.body.pagination)).toEqual([{ limit: 2 }, { limit: 2, last_id: 8 }]);
    expect(seen[1]!.body.filter).toEqual({ place_id: 1 });
  });

  it('throws OzonApiError when the server repeats a cursor, after yielding what it got', async () => {
    const { ozon, seen } = await serve(() => ({ result: { products: [{ id: 1 }], last_id: 1 } }));
    const got: number[] = [];
    const err = await (async () => {
      for await (const p of paginate(ozon, '/v1/actions/candidates', { action_id: 5 })) got.push(p.id!);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OzonApiError);
    expect((err as Error).message).toBe('POST /v1/actions/candidates gave the position 1 a second time (page 2); paginate stops rather than loop forever');
    expect(seen).toHaveLength(2);
    expect(got).toEqual([1, 1]);
  });
});

describe('offset style', () => {
  it('ends when total is reached', async () => {
    // /v1/analytics/average-delivery-time/details: items data, total_rows.
    const { ozon, seen } = await serve((body) => ({ data: ids(5).slice(body.offset, body.offset + 2).map((n) => ({ offer_id: `o${n}` })), total_rows: 5 }));
    const items = await collect(paginate(ozon, '/v1/analytics/average-delivery-time/details', { cluster_id: 1, limit: 2 }));
    expect(items).toHaveLength(5);
    expect(seen.map((r) => r.body.offset)).toEqual([0, 2, 4]);
  });

  it('ends on an empty page when the method gives no other sign', async () => {
    // /v1/review/comment/list: items comments, nothing else.
    const { ozon, seen } = await serve((body) => ({ comments: ids(4).slice(body.offset, body.offset + 2).map((n) => ({ id: `c${n}` })) }));
    const items = await collect(paginate(ozon, '/v1/review/comment/list', { review_id: 'r', limit: 2 }));
    expect(items.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(seen.map((r) => r.body.offset)).toEqual([0, 2, 4]);
  });

  it('ends on a page shorter than the limit when the method gives no other sign', async () => {
    // /v2/posting/fbo/list: items result, no has_next or total: 5 items in pages of 2.
    const { ozon, seen } = await serve((body) => ({ result: ids(5).slice(body.offset, body.offset + body.limit).map((n) => ({ posting_number: `P-${n}` })) }));
    const items = await collect(paginate(ozon, '/v2/posting/fbo/list', { filter: { since: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, limit: 2 }));
    expect(items.map((p) => p.posting_number)).toEqual(ids(5).map((n) => `P-${n}`));
    expect(seen.map((r) => r.body.offset)).toEqual([0, 2, 4]);
    expect(notices.map((n) => n.operation)).toContain('POST /v2/posting/fbo/list');
  });

  it('does not end on a short page when the method has an end marker', async () => {
    // /v3/posting/fbs/list has has_next: a short page with has_next true goes on.
    const { ozon, seen } = await serve((body) => ({ result: { postings: body.offset === 0 ? [{ posting_number: 'a' }] : [], has_next: body.offset === 0 } }));
    const filter = { since: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
    expect(await collect(paginate(ozon, '/v3/posting/fbs/list', { filter, limit: 3 }))).toHaveLength(1);
    expect(seen).toHaveLength(2);
  });

  it('treats a page whose list Ozon left out as empty', async () => {
    const { ozon, seen } = await serve((body) => (body.offset === 0 ? { comments: [{ id: 'c1' }] } : {}));
    expect(await collect(paginate(ozon, '/v1/review/comment/list', { review_id: 'r', limit: 1 }))).toEqual([{ id: 'c1' }]);
    expect(seen).toHaveLength(2);
  });
});

describe('counts sent as strings', () => {
  it('ends when a total sent as a string of digits is reached (/v4/product/info/attributes)', async () => {
    const { ozon, seen } = await serve((body) => ({ result: body.last_id ? [{ id: 3 }] : [{ id: 1 }, { id: 2 }], last_id: body.last_id ? 'c2' : 'c1', total: '3' }));
    const items = await collect(paginate(ozon, '/v4/product/info/attributes', { filter: { visibility: 'ALL' }, limit: 2 }));
    expect(items.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(seen).toHaveLength(2);
  });
});

describe('page style', () => {
  it('ends when page_count is reached, counting pages from 1', async () => {
    // /v1/finance/cash-flow-statement/list: items result.cash_flows, result.page_count.
    const { ozon, seen } = await serve((body) => ({ result: { cash_flows: [{ orders_amount: body.page }], page_count: 3 } }));
    const items = await collect(paginate(ozon, '/v1/finance/cash-flow-statement/list', { date: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, page_size: 1 }));
    expect(items.map((c) => c.orders_amount)).toEqual([1, 2, 3]);
    expect(seen.map((r) => r.body.page)).toEqual([1, 2, 3]);
  });

  it('ends when total is reached', async () => {
    // /v1/report/list: items result.reports, result.total.
    const { ozon, seen } = await serve((body) => ({ result: { reports: ids(5).slice((body.page - 1) * 2, body.page * 2).map((n) => ({ code: `R${n}` })), total: 5 } }));
    const items = await collect(paginate(ozon, '/v1/report/list', { page_size: 2 }));
    expect(items.map((r) => r.code)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
    expect(seen).toHaveLength(3);
  });

  it('ends on an empty page, and starts at page 0 where the spec says pages count from 0', async () => {
    // /v1/analytics/product-queries/details: page "from 0" (minimum 0), items queries.
    const { ozon, seen } = await serve((body) => ({ queries: body.page < 2 ? [{ query: `q${body.page}` }] : [] }));
    const items = await collect(paginate(ozon, '/v1/analytics/product-queries/details', { date_from: '2026-01-01T00:00:00Z', skus: ['1'], limit_by_sku: 0, page_size: 1 }));
    expect(items.map((q) => q.query)).toEqual(['q0', 'q1']);
    expect(seen.map((r) => r.body.page)).toEqual([0, 1, 2]);
  });

  it('ends on page_count even when total says more (/v3/finance/transaction/list)', async () => {
    const { ozon, seen } = await serve((body) => ({ result: { operations: [{ operation_id: body.page }], page_count: 2, row_count: 100 } }));
    const items = await collect(paginate(ozon, '/v3/finance/transaction/list', { filter: { date: { from: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00Z' } }, page_size: 1 }));
    expect(items.map((o) => o.operation_id)).toEqual([1, 2]);
    expect(seen).toHaveLength(2);
  });
});

describe('cursor style', () => {
  it('ends on has_next: false (/v3/chat/list)', async () => {
    const { ozon, seen } = await serve((body) => {
      const at = body.cursor ? Number(body.cursor) : 0;
      return { chats: [{ chat: { chat_id: `c${at}` } }], cursor: String(at + 1), has_next: at < 2 };
    });
    const items = await collect(paginate(ozon, '/v3/chat/list', { limit: 1 }));
    expect(items.map((c) => c.chat?.chat_id)).toEqual(['c0', 'c1', 'c2']);
    expect(seen.map((r) => r.body.cursor)).toEqual([undefined, '1', '2']);
  });

  it('ends on has_next: false even though a cursor comes back (/v4/posting/fbs/list)', async () => {
    const { ozon, seen } = await serve((body) => {
      const at = body.cursor ? Number(body.cursor) : 0;
      const page = ids(7).slice(at, at + 3);
      return { postings: page.map((n) => ({ posting_number: `P-${n}` })), cursor: String(at + 3), has_next: at + 3 < 7 };
    });
    const filter = { since: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
    const items = await collect(paginate(ozon, '/v4/posting/fbs/list', { filter, limit: 3 }));
    expect(items.map((p) => p.posting_number)).toEqual(ids(7).map((n) => `P-${n}`));
    expect(seen.map((r) => r.body.cursor)).toEqual([undefined, '3', '6']);
  });

  it('ends on an empty cursor (/v1/pass/list)', async () => {
    const { ozon, seen } = await serve((body) => ({ arrival_passes: [{ arrival_pass_id: body.cursor ?? 'first' }], cursor: body.cursor ? '' : 'next' }));
    const items = await collect(paginate(ozon, '/v1/pass/list', { limit: 1 }));
    expect(items.map((p) => p.arrival_pass_id)).toEqual(['first', 'next']);
    expect(seen).toHaveLength(2);
  });

  it('ends when total is reached (/v5/product/info/prices)', async () => {
    const { ozon, seen } = await serve((body) => {
      const at = body.cursor ? Number(body.cursor) : 0;
      return { items: ids(5).slice(at, at + 2).map((n) => ({ product_id: n })), cursor: String(at + 2), total: 5 };
    });
    const items = await collect(paginate(ozon, '/v5/product/info/prices', { filter: { visibility: 'ALL' }, limit: 2 }));
    expect(items.map((p) => p.product_id)).toEqual(ids(5));
    expect(seen).toHaveLength(3);
  });

  it("takes the next position from the last item's field (/v3/chat/history from_message_id)", async () => {
    const { ozon, seen } = await serve((body) => {
      const from = body.from_message_id ?? 100;
      return { messages: [{ message_id: from + 1 }, { message_id: from + 2 }], has_next: from < 104 };
    });
    const items = await collect(paginate(ozon, '/v3/chat/history', { chat_id: 'c', limit: 2 }));
    expect(items.map((m) => m.message_id)).toEqual([101, 102, 103, 104, 105, 106]);
    expect(seen.map((r) => r.body.from_message_id)).toEqual([undefined, 102, 104]);
  });

  it('throws on a repeated cursor', async () => {
    const { ozon, seen } = await serve(() => ({ chats: [{}], cursor: 'same', has_next: true }));
    await expect(collect(paginate(ozon, '/v3/chat/list', { limit: 1 }))).rejects.toThrow(/gave the position "same" a second time \(page 2\)/);
    expect(seen).toHaveLength(2);
  });
});

describe('options and errors', () => {
  const endless = (body: any) => ({ comments: [{ id: `c${body.offset}` }, { id: `c${body.offset + 1}` }] });

  it('maxItems stops early and fetches no further page', async () => {
    const { ozon, seen } = await serve(endless);
    const items = await collect(paginate(ozon, '/v1/review/comment/list', { review_id: 'r', limit: 2 }, { maxItems: 3 }));
    expect(items.map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);
    expect(seen).toHaveLength(2);
  });

  it('paginate.pages yields whole pages; maxPages stops them', async () => {
    const { ozon, seen } = await serve(endless);
    const pages = await collect(paginate.pages(ozon, '/v1/review/comment/list', { review_id: 'r', limit: 2 }, { maxPages: 2 }));
    expect(pages.map((p) => [p.index, p.items.length])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(pages[0]!.data).toEqual({ comments: [{ id: 'c0' }, { id: 'c1' }] });
    expect(seen).toHaveLength(2);
  });

  it('breaking out of the loop stops fetching', async () => {
    const { ozon, seen } = await serve(endless);
    for await (const c of paginate(ozon, '/v1/review/comment/list', { review_id: 'r', limit: 2 })) if (c.id === 'c2') break;
    expect(seen).toHaveLength(2);
  });

  it('a failed page throws OzonApiError', async () => {
    const { ozon } = await serve((body) => (body.offset === 0 ? endless(body) : [400, { code: 3, message: 'offset too large' }]));
    await expect(collect(paginate(ozon, '/v1/review/comment/list', { review_id: 'r', limit: 2 }))).rejects.toThrow('POST /v1/review/comment/list failed with 400: offset too large');
  });

  it('a page without a list at the items path is an error, not an empty page', async () => {
    const { ozon } = await serve(() => ({ comments: 'nope' }));
    await expect(collect(paginate(ozon, '/v1/review/comment/list', { review_id: 'r', limit: 2 }))).rejects.toThrow(/without a list at "comments"/);
  });

  it('an abort stops the iteration', async () => {
    const { ozon } = await serve(endless);
    const ctl = new AbortController();
    let n = 0;
    const run = (async () => {
      for await (const _ of paginate(ozon, '/v1/review/comment/list', { review_id: 'r', limit: 2 }, { signal: ctl.signal })) if (++n === 3) ctl.abort();
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(n).toBe(3);
  });

  it('rejects bad input at the call, with a TypeError', () => {
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY });
    expect(() => paginate(ozon, '/v1/report/info' as never, { code: 'x' } as never)).toThrow('paginate: POST /v1/report/info is not a paginated operation (it has no x-pagination in the spec)');
    expect(() => paginate(ozon, '/v1/returns/list', { limit: 1, last_id: 5 } as never)).toThrow(/leave "last_id" out of the body/);
    expect(() => paginate(ozon, '/v1/returns/list', { limit: 1 }, { maxItems: 0 })).toThrow(/"maxItems" must be an integer >= 1/);
    expect(() => paginate.pages(ozon, '/v1/returns/list', { limit: 1 }, { maxPages: 1.5 })).toThrow(/"maxPages"/);
    expect(() => paginate(ozon, '/v1/returns/list', 'limit=1' as never)).toThrow(/must be an object/);
  });
});

describe('int64 fields written as strings, and a required cursor', () => {
  it('sends a string offset and ends on a total given as a string', async () => {
    // /v1/search-queries/top: offset and limit are int64 strings; total is an int64 string.
    const { ozon, seen } = await serve((body) => {
      const start = Number(body.offset);
      return { search_queries: ids(5).slice(start, start + 2).map((n) => ({ query: `q${n}` })), offset: '2', total: '5' };
    });
    const items = await collect(paginate(ozon, '/v1/search-queries/top', { limit: '2' }));
    expect(items.map((q) => q.query)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(seen.map((r) => r.body.offset)).toEqual(['0', '2', '4']);
  });

  it('sends an empty last_id on the first page when the field is required', async () => {
    // /v1/finance/accrual/by-day: last_id is required, empty for the first page.
    const { ozon, seen } = await serve((body) => (body.last_id === '' ? { accruals: [{ accrual_id: 1 }], last_id: 'a1' } : { accruals: [{ accrual_id: 2 }], last_id: '' }));
    const items = await collect(paginate(ozon, '/v1/finance/accrual/by-day', { date: '2026-05-14' }));
    expect(items.map((a) => a.accrual_id)).toEqual([1, 2]);
    expect(seen.map((r) => r.body.last_id)).toEqual(['', 'a1']);
  });
});
