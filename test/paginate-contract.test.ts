// paginate against the Prism mock, for every paginated method of the bundled spec (found in the
// spec itself, so a method added tomorrow is covered): with no maxPages, it must send requests
// that pass Prism's schema check and END, yielding the documented example's items. Prism answers
// every page with the method's 200 example, so each example describes a last page: has_next false,
// an empty next position, a total equal to the items shown, or (for methods whose answer has no end
// marker) fewer items than the request example's limit.
import { describe, expect, inject, it } from 'vitest';
import { createOzonClient, paginate, type PaginatedPath } from '../src/index.js';
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

/** Every POST operation of the bundled spec with x-pagination. */
const paginated = Object.entries<any>(spec.paths).flatMap(([path, item]) => (item.post?.['x-pagination'] ? [{ path, op: item.post }] : []));

/** Guards against a loop: a page count no last-page example reaches, and a time limit. */
const PAGE_GUARD = 20;
const TIME_LIMIT_MS = 10_000;

describe('contract: paginate ends on the Prism mock', () => {
  it('covers every paginated method of the spec', () => {
    expect(paginated.length).toBeGreaterThanOrEqual(40);
  });

  for (const { path, op } of paginated) {
    const p = op['x-pagination'] as { items: string; request: { cursor: string } };
    it(path, async () => {
      const body = withoutAt(deref(op.requestBody).content['application/json'].example, p.request.cursor);
      const example = deref(op.responses['200']).content['application/json'].example;
      const expected = getAt(example, p.items) ?? [];
      const pages: unknown[][] = [];
      const signal = AbortSignal.timeout(TIME_LIMIT_MS);
      // No maxPages: paginate decides where the list ends.
      for await (const page of paginate.pages(ozon(), path as PaginatedPath, body, { signal })) {
        pages.push(page.items);
        if (pages.length >= PAGE_GUARD) break;
      }
      expect(pages.length, `paginate did not end within ${PAGE_GUARD} pages`).toBe(1);
      expect(pages[0]).toEqual(expected);
    });
  }
});
