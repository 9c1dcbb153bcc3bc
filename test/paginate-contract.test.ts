// paginate against the Prism mock, for every paginated method of the spec: the requests it
// builds (with the cursor field set) must pass Prism's schema check, and the pages it yields are
// the documented example. Prism answers the same example to every page, so a method whose
// example has a next position ends in the repeated-cursor error, which is the point of it.
import { describe, expect, inject, it } from 'vitest';
import { createOzonClient, OzonApiError, operations, paginate, type PaginatedPath } from '../src/index.js';
import { getAt } from '../src/dotted.js';
import { deref, spec } from './spec.js';

const ozon = () => createOzonClient({ clientId: '836', apiKey: 'contract-test-key', baseUrl: inject('mockUrl'), rateLimits: false, onDeprecated: false, retry: false });

function withoutAt(body: any, dotted: string): any {
  const copy = structuredClone(body ?? {});
  const keys = dotted.split('.');
  const parent = keys.slice(0, -1).reduce((o: any, k) => o?.[k], copy);
  if (parent) delete parent[keys[keys.length - 1]!];
  return copy;
}

const paginated = Object.values(operations).filter((o) => 'pagination' in o && o.method === 'POST');

describe('contract: paginate against the Prism mock', () => {
  it('covers every paginated method of the spec', () => {
    expect(paginated.length).toBeGreaterThanOrEqual(40);
  });

  for (const op of paginated) {
    const p = (op as { pagination: { items: string; request: { cursor: string } } }).pagination;
    it(`${op.path}`, async () => {
      const opSpec = spec.paths[op.path].post;
      const body = withoutAt(deref(opSpec.requestBody).content['application/json'].example, p.request.cursor);
      const example = deref(opSpec.responses['200']).content['application/json'].example;
      const expected = getAt(example, p.items) ?? [];
      const pages: unknown[][] = [];
      let error: unknown;
      try {
        for await (const page of paginate.pages(ozon(), op.path as PaginatedPath, body, { maxPages: 3 })) pages.push(page.items);
      } catch (e) {
        error = e;
      }
      if (error) {
        expect(error).toBeInstanceOf(OzonApiError);
        expect((error as Error).message).toMatch(/a second time \(page 2\)/);
        expect(pages).toHaveLength(2);
      }
      expect(pages.length).toBeGreaterThanOrEqual(1);
      for (const items of pages) expect(items).toEqual(expected);
    });
  }
});
