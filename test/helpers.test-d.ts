// Type tests of the helpers: paginate accepts only paginated paths, infers the item type and
// takes the body without the cursor field; createReport accepts only x-report paths.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createReport,
  paginate,
  waitForProductImport,
  waitForWarehouseOperation,
  type OzonClient,
  type Page,
  type PageItem,
  type ProductImportResult,
  type ReadyReport,
  type components,
  type paths,
} from '../src/index.js';

declare const ozon: OzonClient;
type Returns = NonNullable<paths['/v1/returns/list']['post']['responses']['200']['content']['application/json']['returns']>;

describe('paginate types', () => {
  it('rejects a non-paginated path', () => {
    // @ts-expect-error /v1/report/info is not paginated
    paginate(ozon, '/v1/report/info', { code: 'x' });
    // @ts-expect-error not a path of the API at all
    paginate(ozon, '/v1/no/such/list', {});
  });

  it('infers the item type from the response schema', () => {
    expectTypeOf(paginate(ozon, '/v1/returns/list', { limit: 500 })).toEqualTypeOf<AsyncIterable<Returns[number]>>();
    expectTypeOf<PageItem<'/v1/returns/list'>>().toEqualTypeOf<Returns[number]>();
    expectTypeOf<PageItem<'/v3/product/list'>>().toHaveProperty('offer_id');
    type Ops = NonNullable<NonNullable<paths['/v3/finance/transaction/list']['post']['responses']['200']['content']['application/json']['result']>['operations']>;
    expectTypeOf<PageItem<'/v3/finance/transaction/list'>>().toEqualTypeOf<Ops[number]>();
    expectTypeOf(paginate.pages(ozon, '/v1/returns/list', { limit: 500 })).toEqualTypeOf<AsyncIterable<Page<'/v1/returns/list'>>>();
  });

  it('takes the body without the cursor field, and checks the rest', () => {
    // @ts-expect-error last_id is the cursor: paginate sets it
    paginate(ozon, '/v1/returns/list', { limit: 500, last_id: 10 });
    // @ts-expect-error offset is the cursor of an offset-style method
    paginate(ozon, '/v1/review/comment/list', { review_id: 'r', limit: 10, offset: 20 });
    // @ts-expect-error a nested cursor (pagination.last_id) is left out too
    paginate(ozon, '/v1/returns/company/fbs/info', { pagination: { limit: 10, last_id: 5 } });
    paginate(ozon, '/v1/returns/company/fbs/info', { pagination: { limit: 10 } });
    // @ts-expect-error limit must be a number
    paginate(ozon, '/v1/returns/list', { limit: '500' });
    // @ts-expect-error a required field (status) is missing
    paginate(ozon, '/v1/actions/discounts-task/list', { limit: 10 });
  });
});

describe('createReport types', () => {
  it('accepts an x-report path with its body, and returns the ready report', () => {
    expectTypeOf(createReport(ozon, '/v1/report/products/create', { language: 'EN' })).toEqualTypeOf<Promise<ReadyReport>>();
    expectTypeOf<ReadyReport['file']>().toEqualTypeOf<string>();
    expectTypeOf<ReadyReport>().toMatchTypeOf<components['schemas']['ReportInfo']>();
  });

  it('rejects a path that does not create a report', () => {
    // @ts-expect-error /v1/report/info polls a report; it does not create one
    createReport(ozon, '/v1/report/info', { code: 'x' });
    // @ts-expect-error /v3/product/list is a list
    createReport(ozon, '/v3/product/list', { filter: {}, limit: 10 });
  });

  it("checks the report's body", () => {
    // @ts-expect-error language is an enum
    createReport(ozon, '/v1/report/products/create', { language: 'Klingon' });
  });
});

describe('task waiters', () => {
  it('type their results', () => {
    expectTypeOf(waitForProductImport(ozon, 1)).toEqualTypeOf<Promise<ProductImportResult>>();
    expectTypeOf<ProductImportResult['failed'][number]['status']>().toEqualTypeOf<'pending' | 'imported' | 'failed' | 'skipped' | undefined>();
    expectTypeOf(waitForWarehouseOperation(ozon, 'op')).resolves.toHaveProperty('status');
  });

  it('withOptions keeps the typed client', () => {
    expectTypeOf(ozon.withOptions({ retry: false })).toEqualTypeOf<OzonClient>();
    // @ts-expect-error unknown per-request option
    ozon.withOptions({ retries: 0 });
  });
});
