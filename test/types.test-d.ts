// Type tests: the typed client rejects unknown paths and wrong bodies at compile time.
import createClient from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import { createOzonClient, type OzonClient, type paths } from '../src/index.js';

declare const ozon: OzonClient;

describe('typed client', () => {
  it('createOzonClient returns the typed client', () => {
    expectTypeOf(createOzonClient).returns.toEqualTypeOf<OzonClient>();
  });

  it('infers the response type', async () => {
    const { data } = await ozon.POST('/v1/report/info', { body: { code: 'R' } });
    type Info = paths['/v1/report/info']['post']['responses']['200']['content']['application/json'];
    expectTypeOf(data).toEqualTypeOf<Info | undefined>();
    expectTypeOf(data!.result!.status).toEqualTypeOf<'waiting' | 'processing' | 'success' | 'failed' | undefined>();
  });

  it('rejects an unknown path', () => {
    // @ts-expect-error not a path of the API
    void ozon.POST('/v1/no/such/method', { body: {} });
  });

  it('rejects a wrong body field', () => {
    // @ts-expect-error `code` must be a string
    void ozon.POST('/v1/report/info', { body: { code: 42 } });
    // @ts-expect-error a misspelt field leaves the required `code` missing
    void ozon.POST('/v1/report/info', { body: { report_code: 'x' } });
  });

  it('rejects an unknown body field (the init is typed per operation, so the excess-property check applies)', () => {
    // @ts-expect-error `extra` is not a field of /v1/report/info
    void ozon.POST('/v1/report/info', { body: { code: 'R', extra: 1 } });
  });

  it('types parseAs, params and the error body', async () => {
    const text = await ozon.POST('/v1/report/info', { body: { code: 'R' }, parseAs: 'text' });
    expectTypeOf(text.data).toEqualTypeOf<string | undefined>();
    const order = await ozon.GET('/v1/order/{id}', { params: { path: { id: 12 } } });
    expectTypeOf(order.response).toEqualTypeOf<Response>();
    // @ts-expect-error the path parameter is required
    void ozon.GET('/v1/order/{id}', {});
    const { error } = await ozon.POST('/v1/report/info', { body: { code: 'R' } });
    expectTypeOf(error).not.toBeAny();
  });

  it('accepts either product id in a stock update, but not neither', () => {
    void ozon.POST('/v2/products/stocks', { body: { stocks: [{ offer_id: 'PH11042', stock: 100, warehouse_id: 22142605386000 }] } });
    void ozon.POST('/v2/products/stocks', { body: { stocks: [{ product_id: 313455276, stock: 100, warehouse_id: 22142605386000 }] } });
    void ozon.POST('/v2/products/stocks', {
      body: { stocks: [{ offer_id: 'PH11042', product_id: 313455276, stock: 100, warehouse_id: 22142605386000 }] },
    });
    // @ts-expect-error an entry needs `offer_id` or `product_id`
    void ozon.POST('/v2/products/stocks', { body: { stocks: [{ stock: 100, warehouse_id: 22142605386000 }] } });
  });

  it('requires the body', () => {
    // @ts-expect-error the body is required
    void ozon.POST('/v1/report/info', {});
    // @ts-expect-error the init is required (reported as "Expected 2 arguments")
    void ozon.POST('/v1/report/info');
  });

  it('types a deprecated operation like a current one (its own signature, marked @deprecated)', async () => {
    const body = { dir: 'asc', filter: { since: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, limit: 50, offset: 0 };
    const { data } = await ozon.POST('/v2/posting/fbs/list', { body });
    type List = paths['/v2/posting/fbs/list']['post']['responses']['200']['content']['application/json'];
    expectTypeOf(data).toEqualTypeOf<List | undefined>();
    // @ts-expect-error offset is a number
    void ozon.POST('/v2/posting/fbs/list', { body: { ...body, offset: 'x' } });
    // @ts-expect-error `extra` is not a field of /v2/posting/fbs/list
    void ozon.POST('/v2/posting/fbs/list', { body: { ...body, extra: 1 } });
    const order = await ozon.GET('/v1/order/{id}', { params: { path: { id: 12 } } });
    expectTypeOf(order.error).not.toBeAny();
  });
});

describe('the generated paths, which leave out absent members (`get?: never`, empty parameters)', () => {
  it('an operation without parameters takes no params, or empty ones', () => {
    void ozon.POST('/v1/report/info', { body: { code: 'R' }, params: {} });
    // @ts-expect-error /v1/report/info has no query parameters
    void ozon.POST('/v1/report/info', { body: { code: 'R' }, params: { query: { page: 1 } } });
  });

  it('work with openapi-fetch alone: paths by method, body and path parameters required, answers typed', async () => {
    const plain = createClient<paths>({ baseUrl: 'http://127.0.0.1:4010' });
    const { data } = await plain.POST('/v1/report/info', { body: { code: 'R' } });
    type Info = paths['/v1/report/info']['post']['responses']['200']['content']['application/json'];
    expectTypeOf(data).toEqualTypeOf<Info | undefined>();
    // @ts-expect-error the body is required
    void plain.POST('/v1/report/info', {});
    // @ts-expect-error /v1/report/info has no GET
    void plain.GET('/v1/report/info');
    const order = await plain.GET('/v1/order/{id}', { params: { path: { id: 12 } } });
    expectTypeOf(order.response).toEqualTypeOf<Response>();
    // @ts-expect-error the path parameter is required
    void plain.GET('/v1/order/{id}', {});
  });
});
