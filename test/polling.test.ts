// createReport / waitForReport, waitForProductImport and waitForWarehouseOperation: the states
// each status method goes through, failures, timeout and abort. Fake clock, so nothing sleeps.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOzonClient,
  createReport,
  OzonApiError,
  OzonTaskFailedError,
  OzonTimeoutError,
  waitFor,
  waitForProductImport,
  waitForReport,
  waitForWarehouseOperation,
} from '../src/index.js';
import { FakeClock } from './fake-clock.js';
import { json, KEY, queueFetch } from './helpers.js';
import { sendJson, startServer, type TestServer } from './server.js';

const status = (s: string, extra: object = {}) => json({ result: { code: 'R-1', status: s, ...extra } });
const client = (fetch: (r: Request) => Promise<Response>) => createOzonClient({ clientId: '1', apiKey: KEY, fetch, retry: false });

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createReport', () => {
  it('creates the report, polls waiting → processing → success, and returns the info with the file', async () => {
    server = await startServer((req, res, n) => {
      if (req.url === '/v1/report/products/create') return sendJson(res, { result: { code: 'R-1' } });
      const s = ['waiting', 'processing', 'success'][Math.min(n - 2, 2)];
      sendJson(res, { result: { code: req.body.code, status: s, ...(s === 'success' ? { file: 'https://cdn.ozon/r-1.csv' } : {}) } });
    });
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: server.url });
    const clock = new FakeClock();
    const report = await createReport(ozon, '/v1/report/products/create', { language: 'EN', visibility: 'ALL' }, { interval: 1000, clock });
    expect(report).toEqual({ code: 'R-1', status: 'success', file: 'https://cdn.ozon/r-1.csv' });
    expect(server.seen.map((r) => [r.url, r.body])).toEqual([
      ['/v1/report/products/create', { language: 'EN', visibility: 'ALL' }],
      ['/v1/report/info', { code: 'R-1' }],
      ['/v1/report/info', { code: 'R-1' }],
      ['/v1/report/info', { code: 'R-1' }],
    ]);
    expect(clock.sleeps).toEqual([1000, 1500]);
  });

  it('reads the report code from the top level of the answer too (placement reports)', async () => {
    const { fetch, log } = queueFetch(json({ code: 'R-2' }), json({ result: { code: 'R-2', status: 'success', file: 'https://cdn.ozon/r-2.xlsx' } }));
    const report = await createReport(client(fetch), '/v1/report/placement/by-products/create', { date_from: '2026-05-01', date_to: '2026-05-31' }, { clock: new FakeClock() });
    expect(report).toEqual({ code: 'R-2', status: 'success', file: 'https://cdn.ozon/r-2.xlsx' });
    expect(log).toHaveLength(2);
  });

  it("throws OzonTaskFailedError (an OzonApiError) with Ozon's message when the report failed", async () => {
    const { fetch } = queueFetch(json({ result: { code: 'R-1' } }), status('processing'), status('failed', { error: 'too many rows for the period' }));
    const err = await createReport(client(fetch), '/v1/report/postings/create', { filter: {} } as never, { clock: new FakeClock() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OzonTaskFailedError);
    expect(err).toBeInstanceOf(OzonApiError);
    expect((err as OzonTaskFailedError).message).toBe('report R-1 failed: too many rows for the period');
    expect((err as OzonTaskFailedError).result).toEqual({ result: { code: 'R-1', status: 'failed', error: 'too many rows for the period' } });
  });

  it('throws OzonTimeoutError when the report is not ready in time, with the last state', async () => {
    const replies = [json({ result: { code: 'R-1' } }), ...Array.from({ length: 50 }, () => status('processing'))];
    const { fetch, log } = queueFetch(...replies);
    const clock = new FakeClock();
    const t0 = clock.now();
    const err = await createReport(client(fetch), '/v1/report/products/create', {}, { interval: 1000, maxInterval: 4000, timeout: 10_000, clock }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OzonTimeoutError);
    expect((err as Error).message).toBe('report R-1 was not done after 10000 ms of polling POST /v1/report/info (last state: processing)');
    expect(clock.now() - t0).toBe(10_000);
    expect(clock.sleeps).toEqual([1000, 1500, 2250, 3375, 1875]);
    expect(log).toHaveLength(1 + 6);
  });

  it('stops promptly on abort, during a wait, with the signal reason', async () => {
    const { fetch, log } = queueFetch(json({ result: { code: 'R-1' } }), ...Array.from({ length: 5 }, () => status('waiting')));
    const ctl = new AbortController();
    const started = Date.now();
    const p = createReport(client(fetch), '/v1/report/products/create', {}, { interval: 60_000, signal: ctl.signal }).catch((e: unknown) => e);
    setTimeout(() => ctl.abort(), 20);
    const err = (await p) as Error;
    expect(err.name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(log).toHaveLength(2);
  });

  it('an already aborted signal sends nothing', async () => {
    const { fetch, log } = queueFetch();
    const err = await createReport(client(fetch), '/v1/report/products/create', {}, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(log).toHaveLength(0);
  });

  it('rejects a path that does not create a report, and bad options, before sending anything', async () => {
    const { fetch, log } = queueFetch();
    await expect(createReport(client(fetch), '/v1/report/info' as never, { code: 'x' } as never)).rejects.toThrow(
      'createReport: POST /v1/report/info does not create a report (no x-report in the spec)',
    );
    await expect(createReport(client(fetch), '/v1/report/products/create', {}, { interval: -1 })).rejects.toThrow(/"interval"/);
    expect(log).toHaveLength(0);
  });

  it('a success without a file link is an error, not a report', async () => {
    const { fetch } = queueFetch(status('success'));
    await expect(waitForReport(client(fetch), 'R-1')).rejects.toThrow('report R-1 is ready but Ozon gave no file link');
  });

  it('an error answer of the status method propagates as OzonApiError', async () => {
    const { fetch } = queueFetch(json({ code: 5, message: 'report not found' }, { status: 404 }));
    await expect(waitForReport(client(fetch), 'R-404')).rejects.toThrow('POST /v1/report/info failed with 404: report not found');
  });
});

describe('waitForProductImport', () => {
  const info = (items: object[], total = items.length) => json({ result: { items, total } });

  it('waits while products are pending, then returns every item with the failed ones surfaced', async () => {
    const failedItem = { offer_id: 'B', product_id: 2, status: 'failed', errors: [{ code: 'BAD_PRICE', message: 'price is too low', level: 'error' }] };
    const { fetch, log } = queueFetch(
      info([], 2),
      info([{ offer_id: 'A', status: 'pending' }, { offer_id: 'B', status: 'pending' }]),
      info([{ offer_id: 'A', product_id: 1, status: 'imported', errors: [] }, failedItem]),
    );
    const result = await waitForProductImport(client(fetch), 172549793, { clock: new FakeClock() });
    expect(log.map((r) => JSON.parse(r.body))).toEqual([{ task_id: 172549793 }, { task_id: 172549793 }, { task_id: 172549793 }]);
    expect(result.ok).toBe(false);
    expect(result.items).toHaveLength(2);
    expect(result.imported.map((i) => i.offer_id)).toEqual(['A']);
    expect(result.failed).toEqual([failedItem]);
    expect(result.skipped).toEqual([]);
  });

  it('waits until every item of the total has arrived', async () => {
    const { fetch, log } = queueFetch(info([{ offer_id: 'A', status: 'imported' }], 2), info([{ offer_id: 'A', status: 'imported' }, { offer_id: 'B', status: 'skipped' }]));
    const result = await waitForProductImport(client(fetch), 1, { clock: new FakeClock() });
    expect(log).toHaveLength(2);
    expect(result.ok).toBe(true);
    expect(result.skipped.map((i) => i.offer_id)).toEqual(['B']);
  });

  it('throwOnFailedItems: throws OzonTaskFailedError naming the failures, with the result', async () => {
    const { fetch } = queueFetch(info([{ offer_id: 'A', status: 'imported' }, { offer_id: 'B', status: 'failed', errors: [{ message: 'no images' }] }]));
    const err = (await waitForProductImport(client(fetch), 9, { throwOnFailedItems: true }).catch((e: unknown) => e)) as OzonTaskFailedError;
    expect(err).toBeInstanceOf(OzonTaskFailedError);
    expect(err.message).toBe('product import task 9: 1 of 2 products failed (B: no images)');
    expect((err.result as { failed: unknown[] }).failed).toHaveLength(1);
  });

  it('times out while products stay pending', async () => {
    const { fetch } = queueFetch(...Array.from({ length: 20 }, () => info([{ offer_id: 'A', status: 'pending' }])));
    const err = await waitForProductImport(client(fetch), 9, { timeout: 3000, clock: new FakeClock() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OzonTimeoutError);
    expect((err as Error).message).toContain('(last state: 0 of 1 products processed)');
  });
});

describe('waitForWarehouseOperation', () => {
  it('polls IN_PROGRESS until SUCCESS and returns the status', async () => {
    const done = { status: 'SUCCESS', type: 'CREATE_FBS_WAREHOUSE', result: { entity_id: 42 } };
    const { fetch, log } = queueFetch(json({ status: 'IN_PROGRESS' }), json({ status: 'UNSPECIFIED' }), json(done));
    const result = await waitForWarehouseOperation(client(fetch), 'op-1', { clock: new FakeClock() });
    expect(result).toEqual(done);
    expect(result.result?.entity_id).toBe(42);
    expect(log.map((r) => JSON.parse(r.body))).toEqual([{ operation_id: 'op-1' }, { operation_id: 'op-1' }, { operation_id: 'op-1' }]);
  });

  it("throws OzonTaskFailedError with Ozon's error on ERROR", async () => {
    const { fetch } = queueFetch(json({ status: 'ERROR', error: { code: 'NAME_TAKEN', message: 'a warehouse with this name exists' } }));
    await expect(waitForWarehouseOperation(client(fetch), 'op-1')).rejects.toThrow('warehouse operation op-1 failed: NAME_TAKEN a warehouse with this name exists');
  });
});

describe('waitFor', () => {
  it('grows the interval by half up to maxInterval', async () => {
    const clock = new FakeClock();
    let n = 0;
    const v = await waitFor(async () => (++n < 6 ? { done: false, state: `n=${n}` } : { done: true, value: n }), { method: 'POST', path: '/x', what: 'x' }, { interval: 100, maxInterval: 300, clock });
    expect(v).toBe(6);
    expect(clock.sleeps).toEqual([100, 150, 225, 300, 300]);
  });
});
