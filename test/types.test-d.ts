// Type tests: the typed client rejects unknown paths and wrong bodies at compile time.
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
  });
});
