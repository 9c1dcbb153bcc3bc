// Type tests of waitForAsync: only x-async paths compile, the body is the starting method's, and
// the result is the status method's 200 answer.
import { describe, expectTypeOf, it } from 'vitest';
import { waitForAsync, type AsyncPath, type AsyncResult, type OzonClient, type paths } from '../src/index.js';

declare const ozon: OzonClient;
type Ok<P extends keyof paths> = paths[P] extends { post: { responses: { 200: { content: { 'application/json': infer R } } } } } ? R : never;

describe('waitForAsync types', () => {
  it('accepts only x-async paths', () => {
    // @ts-expect-error /v1/report/info reports a state; it starts nothing
    void waitForAsync(ozon, '/v1/report/info', { code: 'R1' });
    // @ts-expect-error /v3/product/list is a plain read
    void waitForAsync(ozon, '/v3/product/list', { filter: {}, limit: 10 });
    // @ts-expect-error not a path of the API at all
    void waitForAsync(ozon, '/v1/no/such/start', {});
    expectTypeOf<'/v1/warehouse/archive'>().toExtend<AsyncPath>();
    expectTypeOf<'/v3/product/import'>().toExtend<AsyncPath>();
  });

  it("returns the status method's answer", () => {
    expectTypeOf(waitForAsync(ozon, '/v1/warehouse/archive', { warehouse_id: 1, reason: 'repairs' })).toEqualTypeOf<Promise<Ok<'/v1/warehouse/operation/status'>>>();
    expectTypeOf<AsyncResult<'/v3/product/import'>>().toEqualTypeOf<Ok<'/v1/product/import/info'>>();
    expectTypeOf<AsyncResult<'/v1/report/products/create'>>().toEqualTypeOf<Ok<'/v1/report/info'>>();
    expectTypeOf<AsyncResult<'/v2/posting/fbs/act/create'>>().toEqualTypeOf<Ok<'/v2/posting/fbs/act/check-status'>>();
    expectTypeOf<AsyncResult<'/v1/warehouse/archive'>>().not.toBeNever();
  });

  it("checks the body against the starting method's request", () => {
    // @ts-expect-error warehouse_id must be a number (or a numeric string)
    void waitForAsync(ozon, '/v1/warehouse/archive', { warehouse_id: true, reason: 'repairs' });
    // @ts-expect-error wait options are checked too
    void waitForAsync(ozon, '/v1/warehouse/archive', { warehouse_id: 1, reason: 'repairs' }, { timeout: '1s' });
  });
});
