// The packed operations table: the decoder shipped in generated/operations.ts gives back exactly
// what the generator packed, on entries chosen to hit each shorthand of the format, and codegen
// refuses an entry the format cannot express.
import { describe, expect, it } from 'vitest';
import { operations } from '../generated/operations.js';
import { unpack, type OperationInfo } from '../src/operation-info.js';
import { packOperations, runtimeTable } from '../scripts/pack-operations.js';
import { specOperations } from './spec.js';

const tricky: OperationInfo[] = [
  // A templated GET, replaced by a POST under another name, with a sunset date.
  { method: 'GET', path: '/v1/order/{id}', idempotent: true, deprecated: true, replacedBy: 'POST /v3/posting/fbs/get', sunset: '2026-04-10' },
  // The same path under two methods; a replacement that is a GET.
  { method: 'POST', path: '/v1/order/{id}', deprecated: true, replacedBy: 'GET /v2/order/{id}' },
  // Replaced by the same path under another version (written as the version alone).
  { method: 'POST', path: '/v1/chat/list', idempotent: true, deprecated: true, replacedBy: 'POST /v3/chat/list' },
  // Same rest of the path, but a longer version number; and a POST replacement one segment longer.
  { method: 'POST', path: '/v12/chat/list', deprecated: true, replacedBy: 'POST /v3/chat/list/all' },
  // A path that is a prefix of the next, and a deep one followed by a shallow one.
  { method: 'POST', path: '/v1/cargoes/delete', async: { status: 'POST /v1/cargoes/delete/status', request: { operation_id: 'operation_id' }, state: 'status', success: ['SUCCESS'], failure: ['ERROR'] } },
  { method: 'POST', path: '/v1/cargoes/delete/status', idempotent: true },
  { method: 'POST', path: '/v1/a/b/c/d/e/f/g/h/i/j/k/l', report: true },
  { method: 'POST', path: '/v1/a/b/c/d/e/f/g/h/i/j/k/m', idempotent: true, report: true, deprecated: true },
  { method: 'POST', path: '/v1/b' },
  // Async: several request fields, from the request body, booleans and several values, a GET status, no failure values.
  {
    method: 'POST',
    path: '/v1/fbp/label/create',
    async: { status: 'GET /v1/fbp/label/{code}', request: { code: 'result.code', supply_id: '$request.supply_id' }, state: 'result.items.ready', success: [true, 'DONE'], failure: [false, 'FAILED', 'EXPIRED'] },
  },
  { method: 'POST', path: '/v1/fbp/label/start', async: { status: 'POST /v1/fbp/label/get', request: { id: 'id' }, state: 'state', success: ['OK'], failure: [] } },
  // Pagination in every style and shorthand.
  { method: 'POST', path: '/v1/p/last', idempotent: true, pagination: { style: 'last_id', items: 'result.items', request: { cursor: 'last_id', limit: 'limit' }, response: { cursor: 'result.last_id', total: 'result.total' } } },
  { method: 'POST', path: '/v1/p/last-required', pagination: { style: 'last_id', items: 'items', request: { cursor: 'last_id', limit: 'count' }, response: { cursor: 'last_id', hasNext: 'has_next' }, firstCursor: '' } },
  { method: 'POST', path: '/v1/p/cursor-zero', pagination: { style: 'cursor', items: 'messages', request: { cursor: 'from_message_id' }, response: { itemCursor: 'message_id' }, firstCursor: 0 } },
  { method: 'POST', path: '/v1/p/offset', pagination: { style: 'offset', items: 'search_queries', request: { cursor: 'offset', limit: 'limit' }, response: { total: 'total' }, offsetAsString: true } },
  { method: 'POST', path: '/v1/p/offset-bare', pagination: { style: 'offset', items: 'result', request: { cursor: 'pagination.offset', limit: 'pagination.limit' } } },
  { method: 'POST', path: '/v1/p/page0', pagination: { style: 'page', items: 'items', request: { cursor: 'page', limit: 'page_size' }, response: { total: 'total', pageCount: 'page_count' }, firstPage: 0 } },
  { method: 'POST', path: '/v1/p/page1', pagination: { style: 'page', items: 'result', request: { cursor: 'next_page_number' }, firstPage: 1 } },
  // Rate limits in every unit, with a replacement and flags around them.
  { method: 'POST', path: '/v1/r/s', rateLimit: { requests: 10, per: 'second' } },
  { method: 'POST', path: '/v1/r/m', idempotent: true, deprecated: true, replacedBy: 'POST /v2/r/m', sunset: '2026-01-22', rateLimit: { requests: 80, per: 'minute' } },
  { method: 'POST', path: '/v1/r/h', rateLimit: { requests: 1, per: 'hour' } },
  { method: 'POST', path: '/v1/r/d', rateLimit: { requests: 5, per: 'day' } },
  // Other methods, and a path with characters the format uses elsewhere (`,` `=` `|` `!`).
  { method: 'DELETE', path: '/v1/thing/{id}' },
  { method: 'PUT', path: '/v1/thing/{id}', idempotent: true },
  { method: 'POST', path: '/v1/odd,name=x|y!' },
];

const keyed = (list: OperationInfo[]) => list.map((e): [string, OperationInfo] => [`${e.method} ${e.path}`, e]);

describe('the packed operations table', () => {
  it('unpacks to exactly the entries that were packed', () => {
    expect(unpack(packOperations(keyed(tricky)))).toStrictEqual(Object.fromEntries(keyed(tricky)));
  });

  it('does not depend on the order of the entries', () => {
    const reversed = keyed([...tricky].reverse());
    expect(packOperations(reversed)).toBe(packOperations(keyed(tricky)));
  });

  it('writes a plain POST as its path alone, and shares path segments with the line before', () => {
    const lines = packOperations(keyed([{ method: 'POST', path: '/v1/cargoes/create' }, { method: 'POST', path: '/v1/cargoes/delete', idempotent: true }])).split('\n');
    expect(lines).toEqual(['0/v1/cargoes/create', '3delete i']);
  });

  it("the generated table is the spec's: a sample of entries", () => {
    expect(operations['POST /v3/product/list']).toMatchObject({ method: 'POST', path: '/v3/product/list', idempotent: true, pagination: { style: 'last_id' } });
    expect(operations['GET /v1/order/{id}']).toMatchObject({ method: 'GET', idempotent: true, deprecated: true, replacedBy: 'POST /v3/posting/fbs/get' });
    expect(operations['POST /v1/chat/list']).toMatchObject({ deprecated: true, replacedBy: 'POST /v3/chat/list' });
    expect(operations['POST /v2/products/stocks'].rateLimit).toEqual({ requests: 80, per: 'minute' });
    expect(Object.keys(operations).sort()).toEqual(specOperations().map((o) => `${o.method.toUpperCase()} ${o.path}`).sort());
  });

  it.each([
    ['an items path with a space', { method: 'POST', path: '/v1/x', pagination: { style: 'offset', items: 'a b', request: { cursor: 'offset' } } }],
    ['a state value with the separator', { method: 'POST', path: '/v1/x', async: { status: 'POST /v1/y', request: { id: 'id' }, state: 's', success: ['A|B'], failure: [] } }],
    ['a first cursor other than "" or 0', { method: 'POST', path: '/v1/x', pagination: { style: 'cursor', items: 'items', request: { cursor: 'cursor' }, firstCursor: 'start' } }],
    ['a key the format does not know', { method: 'POST', path: '/v1/x', beta: true }],
  ])('fails codegen on %s', (_, entry) => {
    expect(() => runtimeTable(keyed([entry as OperationInfo]))).toThrow(/does not round-trip/);
  });
});
