// waitForAsync against a loopback node:http server: the states a status method goes through,
// a failure state, a per-item failure, the timeout and the caller's abort.
import { afterEach, describe, expect, it } from 'vitest';
import { createOzonClient, OzonApiError, OzonTaskFailedError, OzonTimeoutError, unwrap, waitForAsync, waitForStarted } from '../src/index.js';
import { FakeClock } from './fake-clock.js';
import { caught, KEY } from './helpers.js';
import { sendJson, startServer, type Handler, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const OP = 'a0cfefee-9a5a-4580-bc32-2f9a6c7973e3';
const archive = { warehouse_id: 1020005000219156, reason: 'Closed for repairs' };

async function setup(handler: Handler) {
  server = await startServer(handler);
  return createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: server.url, retry: false });
}

/** Starts a warehouse operation, then answers the status method with `states` in turn (the last one repeats). */
const warehouse = (...states: object[]): Handler => (req, res, n) => {
  if (req.url === '/v1/warehouse/archive') return sendJson(res, { operation_id: OP });
  sendJson(res, states[Math.min(n - 2, states.length - 1)]);
};

describe('waitForAsync', () => {
  it('starts the work, polls the status method with the mapped id until a success state, and returns its answer', async () => {
    const done = { status: 'SUCCESS', type: 'WAREHOUSE_ENABLE_DISABLE', result: { entity_id: 1020005000219156 } };
    const ozon = await setup(warehouse({ status: 'UNSPECIFIED' }, { status: 'IN_PROGRESS' }, done));
    const clock = new FakeClock();
    const result = await waitForAsync(ozon, '/v1/warehouse/archive', archive, { clock });
    expect(result).toEqual(done);
    expect(server!.seen.map((r) => [r.url, r.body])).toEqual([
      ['/v1/warehouse/archive', archive],
      ['/v1/warehouse/operation/status', { operation_id: OP }],
      ['/v1/warehouse/operation/status', { operation_id: OP }],
      ['/v1/warehouse/operation/status', { operation_id: OP }],
    ]);
    expect(clock.sleeps).toEqual([1000, 1500]); // createReport's backoff
  });

  it("throws OzonTaskFailedError on a failure state, with Ozon's reason and the answer in result", async () => {
    const failed = { status: 'ERROR', error: { code: 'WAREHOUSE_HAS_POSTINGS', message: 'the warehouse still has postings to ship' } };
    const ozon = await setup(warehouse({ status: 'IN_PROGRESS' }, failed));
    const err = await caught(waitForAsync(ozon, '/v1/warehouse/archive', archive, { clock: new FakeClock() }));
    expect(err).toBeInstanceOf(OzonTaskFailedError);
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.message).toBe(`the work started by POST /v1/warehouse/archive (operation_id ${OP}) ended in ERROR: the warehouse still has postings to ship`);
    expect(err.result).toEqual(failed);
    expect(err.path).toBe('/v1/warehouse/operation/status');
  });

  it('with a state per item (product import), waits for every item, and one failed item fails the wait', async () => {
    const items = (...s: string[]) => ({ result: { items: s.map((status, i) => ({ offer_id: `PH-204${i}-BLK`, product_id: 137285790 + i, status })), total: s.length } });
    const ozon = await setup((req, res, n) => {
      if (req.url === '/v3/product/import') return sendJson(res, { result: { task_id: 172549793 } });
      sendJson(res, n === 2 ? items('pending', 'imported') : items('failed', 'imported'));
    });
    const err = await caught(waitForAsync(ozon, '/v3/product/import', { items: [] } as never, { clock: new FakeClock() }));
    expect(err).toBeInstanceOf(OzonTaskFailedError);
    expect(err.message).toBe('the work started by POST /v3/product/import (task_id 172549793) ended in failed (1 of 2)');
    expect(server!.seen.slice(1).map((r) => r.body)).toEqual([{ task_id: 172549793 }, { task_id: 172549793 }]);
  });

  it('throws OzonTimeoutError naming the last state when the work is not done in time', async () => {
    const ozon = await setup(warehouse({ status: 'IN_PROGRESS' }));
    const clock = new FakeClock();
    const err = await caught(waitForAsync(ozon, '/v1/warehouse/archive', archive, { clock, timeout: 5_000 }));
    expect(err).toBeInstanceOf(OzonTimeoutError);
    expect(err.message).toBe(`the work started by POST /v1/warehouse/archive (operation_id ${OP}) was not done after 5000 ms of polling POST /v1/warehouse/operation/status (last state: IN_PROGRESS)`);
  });

  it("stops at once with the signal's reason when it aborts between two checks", async () => {
    const ozon = await setup(warehouse({ status: 'IN_PROGRESS' }));
    const ctl = new AbortController();
    const waiting = caught(waitForAsync(ozon, '/v1/warehouse/archive', archive, { signal: ctl.signal, interval: 60_000 }));
    while (server!.seen.length < 2) await new Promise((r) => setTimeout(r, 5));
    const t0 = Date.now();
    ctl.abort(new DOMException('user left', 'AbortError'));
    const err = await waiting;
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(err).toMatchObject({ name: 'AbortError', message: 'user left' });
    expect(server!.seen).toHaveLength(2);
  });

  it('an aborted signal starts nothing', async () => {
    const ozon = await setup(warehouse({ status: 'SUCCESS' }));
    const err = await caught(waitForAsync(ozon, '/v1/warehouse/archive', archive, { signal: AbortSignal.abort() }));
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(server!.seen).toHaveLength(0);
  });

  it('throws OzonApiError when the start answers without the id the status method needs', async () => {
    const ozon = await setup((_req, res) => sendJson(res, {}));
    const err = await caught(waitForAsync(ozon, '/v1/warehouse/archive', archive));
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.message).toBe('POST /v1/warehouse/archive answered without "operation_id", needed to ask POST /v1/warehouse/operation/status for the state');
  });

  it('takes a status field from the starting request when the spec says $request.<path>', async () => {
    const supply = '4c8e2d1a-9b7f-4e35-a6c0-2f1d8b9e7a53';
    const ozon = await setup((req, res) => {
      if (req.url === '/v1/fbp/order/drop-off/cancel') return sendJson(res, {});
      sendJson(res, { supply_id: supply, cancellation_state: { cancellation_status: 'CANCELED' } });
    });
    const result = await waitForAsync(ozon, '/v1/fbp/order/drop-off/cancel', { supply_id: supply }, { clock: new FakeClock() });
    expect(result.cancellation_state?.cancellation_status).toBe('CANCELED');
    expect(server!.seen[1]).toMatchObject({ url: '/v1/fbp/order/get', body: { supply_id: supply } });
  });

  it('refuses a path without x-async, and bad options, before sending anything', async () => {
    const ozon = await setup(warehouse({ status: 'SUCCESS' }));
    await expect(waitForAsync(ozon, '/v1/report/info' as never, {} as never)).rejects.toThrow(/no x-async in the spec/);
    await expect(waitForAsync(ozon, '/v1/warehouse/archive', archive, { timeout: -1 })).rejects.toThrow(/"timeout"/);
    expect(server!.seen).toHaveLength(0);
  });
});

describe('waitForStarted', () => {
  it('waits for work started earlier, from the starting answer alone, and sends nothing to the starting method', async () => {
    const done = { status: 'SUCCESS', type: 'WAREHOUSE_ENABLE_DISABLE', result: { entity_id: 1020005000219156 } };
    const states = [{ status: 'IN_PROGRESS' }, done];
    const ozon = await setup((_req, res, n) => sendJson(res, states[Math.min(n - 1, 1)]));
    const result = await waitForStarted(ozon, '/v1/warehouse/archive', { operation_id: OP }, { clock: new FakeClock() });
    expect(result).toEqual(done);
    expect(server!.seen.map((r) => [r.url, r.body])).toEqual([
      ['/v1/warehouse/operation/status', { operation_id: OP }],
      ['/v1/warehouse/operation/status', { operation_id: OP }],
    ]);
  });

  it('keeps the ids of the starting answer for the next steps (a draft id), and fails on a failure state', async () => {
    const ozon = await setup((req, res) => {
      if (req.url === '/v1/draft/crossdock/create') return sendJson(res, { draft_id: 30957724, errors: [] });
      sendJson(res, { status: 'FAILED', errors: [{ error_message: 'no capacity' }] });
    });
    const draft = await unwrap(ozon.POST('/v1/draft/crossdock/create', { body: { cluster_info: { items: [{ quantity: 1, sku: 1445625485 }], macrolocal_cluster_id: 4039 }, deletion_sku_mode: 'PARTIAL', delivery_info: { type: 'DROPOFF', drop_off_warehouse: { warehouse_id: 1020002115578000, warehouse_type: 'CROSS_DOCK' } } } }));
    expect(draft.draft_id).toBe(30957724);
    const err = await caught(waitForStarted(ozon, '/v1/draft/crossdock/create', draft, { clock: new FakeClock() }));
    expect(err).toBeInstanceOf(OzonTaskFailedError);
    expect(err.message).toContain('ended in FAILED');
    expect(server!.seen[1]).toMatchObject({ url: '/v2/draft/create/info', body: { draft_id: 30957724 } });
  });

  it('asks for the starting body when the status method needs a field of it ($request.<path>), before sending anything', async () => {
    const supply = '4c8e2d1a-9b7f-4e35-a6c0-2f1d8b9e7a53';
    const ozon = await setup((_req, res) => sendJson(res, { label_url: 'https://cdn1.ozone.ru/s3/fbp-documents/labels/x.pdf', state: 'FINISHED' }));
    const started = { code: '9b4d7e22-0f3a-4c61-8e5b-d2a6f1c3e807' };
    const err = await caught(waitForStarted(ozon, '/v1/fbp/label/create', started));
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.message).toBe('POST /v1/fbp/label/get needs "supply_id" of the body POST /v1/fbp/label/create was started with: pass it as the "request" option');
    expect(server!.seen).toHaveLength(0);
    const label = await waitForStarted(ozon, '/v1/fbp/label/create', started, { request: { supply_id: supply }, clock: new FakeClock() });
    expect(label.state).toBe('FINISHED');
    expect(server!.seen.map((r) => r.body)).toEqual([{ code: started.code, supply_id: supply }]);
  });
});
