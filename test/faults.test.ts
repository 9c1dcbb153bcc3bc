// The fault matrix of the client layer, against a real node:http server on a loopback port:
// 429 with Retry-After, 5xx on reads and on mutations, dropped connections, timeouts, bodies
// that are not JSON; and the Api-Key in no error.
import { afterEach, describe, expect, it } from 'vitest';
import { createOzonClient, OzonApiError, OzonNetworkError, OzonTimeoutError, unwrap, type OzonClientOptions } from '../src/index.js';
import { FakeClock } from './fake-clock.js';
import { KEY } from './helpers.js';
import { sendJson, startServer, type Handler, type TestServer } from './server.js';

const REPORT = { result: { code: 'R1', status: 'success', file: 'https://cdn/r1.csv' } };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler, options: Partial<OzonClientOptions> = {}) {
  server = await startServer(handler);
  const clock = new FakeClock();
  const ozon = createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: server.url, clock, retry: { baseDelayMs: 2, maxDelayMs: 10 }, ...options });
  return { ozon, clock, seen: server.seen, srv: server };
}

function caught(p: Promise<unknown>): Promise<any> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

export function expectNoKey(err: unknown) {
  const e = err as Error & { toJSON?: () => unknown; cause?: unknown };
  for (const t of [e.message, String(e.stack), JSON.stringify(e), JSON.stringify(e.toJSON?.()), JSON.stringify(e.cause), String(e.cause)]) {
    if (t !== undefined) expect(t).not.toContain(KEY);
  }
}

const info = (ozon: ReturnType<typeof createOzonClient>) => unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
/** A mutation (no x-idempotent). */
const cancel = (ozon: ReturnType<typeof createOzonClient>) => unwrap(ozon.POST('/v1/carriage/cancel', { body: { carriage_id: 5 } }));

describe('429 Too Many Requests', () => {
  it('waits the Retry-After seconds, then succeeds', async () => {
    const { ozon, clock, seen } = await setup((_, res, n) => (n === 1 ? sendJson(res, { code: 8, message: 'slow down' }, 429, { 'retry-after': '3' }) : sendJson(res, REPORT)));
    const t0 = clock.now();
    expect(await info(ozon)).toEqual(REPORT);
    expect(seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([3000]);
    expect(clock.now() - t0).toBe(3000);
  });

  it('waits until a Retry-After HTTP date, then succeeds', async () => {
    let clock!: FakeClock;
    const ctx = await setup((_, res, n) =>
      n === 1 ? sendJson(res, {}, 429, { 'retry-after': new Date(clock.now() + 7000).toUTCString() }) : sendJson(res, REPORT),
    );
    clock = ctx.clock;
    expect(await info(ctx.ozon)).toEqual(REPORT);
    expect(ctx.seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([7000]);
  });

  it('retries a 429 even on a mutation: the request was not processed', async () => {
    const { ozon, seen } = await setup((_, res, n) => (n === 1 ? sendJson(res, {}, 429, { 'retry-after': '1' }) : sendJson(res, { result: true })));
    expect(await cancel(ozon)).toEqual({ result: true });
    expect(seen).toHaveLength(2);
  });

  it('uses the backoff when there is no Retry-After, and gives up after the retries', async () => {
    const { ozon, seen, clock } = await setup((_, res) => sendJson(res, { code: 8, message: 'limit' }, 429), { retry: { retries: 2, baseDelayMs: 100, jitter: 0 } });
    const err = await caught(info(ozon));
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.status).toBe(429);
    expect(err.attempts).toBe(3);
    expect(err.message).toBe('POST /v1/report/info failed with 429: limit; gave up after 3 attempts');
    expect(seen).toHaveLength(3);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('does not wait for a Retry-After longer than maxRetryAfterMs', async () => {
    const { ozon, seen, clock } = await setup((_, res) => sendJson(res, { message: 'later' }, 429, { 'retry-after': '3600' }));
    const err = await caught(info(ozon));
    expect(err.status).toBe(429);
    expect(err.message).toContain('Retry-After asks for 3600000 ms, more than maxRetryAfterMs (60000)');
    expect(seen).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('5xx', () => {
  it('retries a 503 on an idempotent operation up to the limit, then throws OzonApiError', async () => {
    const { ozon, seen } = await setup((_, res) => sendJson(res, { code: 14, message: 'unavailable' }, 503), { retry: { retries: 2, baseDelayMs: 1 } });
    const err = await caught(info(ozon));
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.status).toBe(503);
    expect(err.code).toBe(14);
    expect(err.attempts).toBe(3);
    expect(seen).toHaveLength(3);
  });

  it('succeeds when a retry of an idempotent operation gets through', async () => {
    const { ozon, seen } = await setup((_, res, n) => (n < 3 ? sendJson(res, {}, 502) : sendJson(res, REPORT)));
    expect(await info(ozon)).toEqual(REPORT);
    expect(seen).toHaveLength(3);
  });

  it('does not retry a 503 on a mutation: one request, and the error says it may have been applied', async () => {
    const { ozon, seen } = await setup((_, res) => sendJson(res, { code: 14, message: 'unavailable' }, 503));
    const err = await caught(cancel(ozon));
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.status).toBe(503);
    expect(err.attempts).toBe(1);
    expect(err.message).toBe('POST /v1/carriage/cancel failed with 503: unavailable; not retried because the operation is not idempotent: it may have been applied');
    expect(seen).toHaveLength(1);
  });

  it('honours Retry-After on a retried 503 too', async () => {
    const { ozon, seen, clock } = await setup((_, res, n) => (n === 1 ? sendJson(res, {}, 503, { 'retry-after': '4' }) : sendJson(res, REPORT)));
    expect(await info(ozon)).toEqual(REPORT);
    expect(seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([4000]);
  });

  it('never retries a status in doNotRetry', async () => {
    const { ozon, seen } = await setup((_, res) => sendJson(res, { message: 'no' }, 501));
    expect((await caught(info(ozon))).status).toBe(501);
    expect(seen).toHaveLength(1);
  });

  it('does not retry a 4xx other than 429', async () => {
    const { ozon, seen } = await setup((_, res) => sendJson(res, { code: 3, message: 'bad' }, 400));
    expect((await caught(info(ozon))).status).toBe(400);
    expect(seen).toHaveLength(1);
  });

  it('per request: withOptions({ retry: false }) opts out, withOptions({ idempotent: true }) opts a mutation in', async () => {
    const { ozon, seen } = await setup((_, res) => sendJson(res, { message: 'down' }, 503));
    await caught(info(ozon.withOptions({ retry: false })));
    expect(seen).toHaveLength(1);
    const err = await caught(cancel(ozon.withOptions({ idempotent: true, retry: { retries: 1 } })));
    expect(seen).toHaveLength(3);
    expect(err.attempts).toBe(2);
    await caught(info(ozon.withOptions({ idempotent: false })));
    expect(seen).toHaveLength(4);
  });

  it('rejects bad retry options with a TypeError naming them', () => {
    expect(() => createOzonClient({ clientId: '1', apiKey: KEY, retry: { retries: -1 } })).toThrow(/"retries"/);
    expect(() => createOzonClient({ clientId: '1', apiKey: KEY, retry: { jitter: 2 } })).toThrow(/"jitter"/);
    expect(() => createOzonClient({ clientId: '1', apiKey: KEY, retry: { retrys: 1 } as never })).toThrow(/unknown retry option "retrys"/);
    expect(() => createOzonClient({ clientId: '1', apiKey: KEY }).withOptions({ timeoutMs: -5 })).toThrow(/"timeoutMs"/);
    expect(() => createOzonClient({ clientId: '1', apiKey: KEY }).withOptions({ retry: { baseDelayMs: NaN } })).toThrow(/"baseDelayMs"/);
  });
});

describe('dropped connections', () => {
  it('retries an idempotent operation after a connection reset', async () => {
    const { ozon, seen } = await setup((_, res, n) => (n === 1 ? res.socket!.destroy() : sendJson(res, REPORT)));
    expect(await info(ozon)).toEqual(REPORT);
    expect(seen).toHaveLength(2);
  });

  it('retries an idempotent operation when the socket closes in the middle of the body', async () => {
    const { ozon, seen } = await setup((_, res, n) => {
      if (n > 1) return sendJson(res, REPORT);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"result":');
      setTimeout(() => res.socket!.destroy(), 5);
    });
    expect(await info(ozon)).toEqual(REPORT);
    expect(seen).toHaveLength(2);
  });

  it('throws OzonNetworkError when the retries run out', async () => {
    const { ozon, seen } = await setup((_, res) => res.socket!.destroy(), { retry: { retries: 1, baseDelayMs: 1 } });
    const err = await caught(info(ozon));
    expect(err).toBeInstanceOf(OzonNetworkError);
    expect(err.status).toBe(0);
    expect(err.attempts).toBe(2);
    expect(err.message).toMatch(/^POST \/v1\/report\/info failed before a response arrived: .*; gave up after 2 attempts$/);
    expect(seen).toHaveLength(2);
    expectNoKey(err);
  });

  it('does not retry a mutation after a reset, and says it may have been applied', async () => {
    const { ozon, seen } = await setup((_, res) => res.socket!.destroy());
    const err = await caught(cancel(ozon));
    expect(err).toBeInstanceOf(OzonNetworkError);
    expect(err.message).toContain('it may have been applied');
    expect(seen).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('aborts the request (the server sees the close) with a clear OzonTimeoutError', async () => {
    const { ozon, srv } = await setup(() => undefined, { timeoutMs: 50 });
    const started = Date.now();
    const err = await caught(info(ozon));
    expect(err).toBeInstanceOf(OzonTimeoutError);
    expect(err.message).toBe('POST /v1/report/info timed out after 50 ms; the request was aborted');
    expect(Date.now() - started).toBeLessThan(2000);
    await expect.poll(() => srv.closed()).toBe(1);
    expectNoKey(err);
  });

  it('retries timeouts of an idempotent operation only with retryOnTimeout', async () => {
    const { ozon, srv, seen } = await setup((_, res, n) => (n < 3 ? undefined : sendJson(res, REPORT)), {
      timeoutMs: 50,
      retry: { baseDelayMs: 1, retryOnTimeout: true },
    });
    expect(await info(ozon)).toEqual(REPORT);
    expect(seen).toHaveLength(3);
    await expect.poll(() => srv.closed()).toBeGreaterThanOrEqual(2);
  });

  it('combines with a caller signal: aborting during the backoff stops at once with AbortError', async () => {
    const { ozon, seen } = await setup((_, res) => sendJson(res, {}, 503), { clock: undefined, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const ctl = new AbortController();
    const p = caught(ozon.POST('/v1/report/info', { body: { code: 'R1' }, signal: ctl.signal }));
    await expect.poll(() => seen.length).toBe(1);
    const t = Date.now();
    ctl.abort();
    const err = await p;
    expect(err.name).toBe('AbortError');
    expect(Date.now() - t).toBeLessThan(500);
    expect(seen).toHaveLength(1);
  });
});

describe('caller abort', () => {
  it('aborting a mutation in flight rejects with AbortError and the server sees the close', async () => {
    const { ozon, seen, srv } = await setup(() => undefined);
    const ctl = new AbortController();
    const p = caught(ozon.POST('/v1/carriage/cancel', { body: { carriage_id: 1 }, signal: ctl.signal }));
    await expect.poll(() => seen.length).toBe(1);
    ctl.abort();
    const err = await p;
    expect(err).not.toBeInstanceOf(OzonApiError);
    expect(err.name).toBe('AbortError');
    await expect.poll(() => srv.closed()).toBe(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const { ozon, seen } = await setup((_, res) => sendJson(res, REPORT));
    const err = await caught(ozon.POST('/v1/report/info', { body: { code: 'R1' }, signal: AbortSignal.abort() }));
    expect(err.name).toBe('AbortError');
    expect(seen).toHaveLength(0);
  });
});

describe('bodies that are not JSON', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);

  it.each([
    ['a 502 HTML page', 502, 'text/html', `<html><title>502 Bad Gateway</title><body>nginx ${KEY}</body></html>`, /502 Bad Gateway/],
    ['an empty 405', 405, undefined, '', undefined],
    ['malformed JSON with 200', 200, 'application/json', `{"result": {"code": "R1", ${KEY}`, /\{"result": \{"code": "R1"/],
    ['plain text with 200', 200, 'application/json', 'OK', /OK/],
  ])('%s becomes OzonApiError with a snippet, no crash', async (_, status, type, body, snippet) => {
    process.on('unhandledRejection', onUnhandled);
    try {
      const { ozon } = await setup((__, res) => {
        res.writeHead(status, type ? { 'content-type': type } : {});
        res.end(body);
      }, { retry: false });
      const err = await caught(info(ozon));
      expect(err).toBeInstanceOf(OzonApiError);
      expect(err.status).toBe(status);
      expect(err.method).toBe('POST');
      expect(err.path).toBe('/v1/report/info');
      if (snippet) expect(err.snippet).toMatch(snippet);
      else expect(err.message).toBe('POST /v1/report/info failed with 405 and an empty body');
      if (status === 200) expect(err.message).toMatch(/^POST \/v1\/report\/info answered 200 with a body that is not valid JSON \(application\/json\): /);
      expectNoKey(err);
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it.each([
    ['with Content-Length: 0', { 'content-type': 'application/json', 'content-length': '0' }],
    ['chunked', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }],
  ])('an empty 200 (%s) is an OzonApiError, not undefined data', async (_, headers) => {
    const { ozon } = await setup((_req, res) => {
      res.writeHead(200, headers);
      res.end();
    });
    const err = await caught(unwrap(ozon.POST('/v3/product/list', { body: { filter: {}, limit: 10 } })));
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.status).toBe(200);
    expect(err.message).toBe('POST /v3/product/list answered 200 with an empty body where a JSON answer was expected');
  });

  it('a 204 is still no data', async () => {
    const { ozon } = await setup((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const { data, error } = await ozon.POST('/v1/report/info', { body: { code: 'R1' } });
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });
});

describe('the Api-Key in no error', () => {
  it('is scrubbed from every error of the matrix, including echoes in bodies and causes', async () => {
    const echo = (res: import('node:http').ServerResponse, status: number) => sendJson(res, { message: `bad key ${KEY}`, details: [{ typeUrl: KEY, value: KEY }] }, status);
    const errors: unknown[] = [];
    const { ozon } = await setup((_, res, n) => {
      if (n === 1) return echo(res, 429);
      if (n === 2) return echo(res, 503);
      if (n === 3) return res.socket!.destroy();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`not json ${KEY}`);
    }, { retry: false });
    for (let i = 0; i < 4; i++) errors.push(await caught(info(ozon)));
    expect(errors.map((e) => (e as OzonApiError).status)).toEqual([429, 503, 0, 200]);
    for (const e of errors) expectNoKey(e);
  });
});
