// OzonApiError.headers (the answer's headers, nothing from the request), and the first of a
// Prism mock's `sl-violations` named in the message.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createOzonClient, OzonApiError, unwrap } from '../src/index.js';
import { caught, KEY } from './helpers.js';
import { sendJson, startServer, type TestServer } from './server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const caughtApi = (p: Promise<unknown>) => caught<OzonApiError>(p);

describe('OzonApiError.headers', () => {
  it("holds the answer's headers as a plain object, without cookies or the request's credentials", async () => {
    server = await startServer((_req, res) =>
      sendJson(res, { code: 8, message: 'too many requests' }, 429, { 'Trace-ID': 'a1b2c3', 'Retry-After': '3600', 'X-RateLimit-Remaining': '0', 'Set-Cookie': 'session=s3cr3t' }),
    );
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: server.url, retry: false });
    const err = await caughtApi(unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } })));
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err!.headers).toMatchObject({ 'trace-id': 'a1b2c3', 'retry-after': '3600', 'x-ratelimit-remaining': '0', 'content-type': 'application/json' });
    expect(Object.getPrototypeOf(err!.headers)).toBe(Object.prototype);
    expect(err!.headers['set-cookie']).toBeUndefined();
    expect(JSON.stringify(err!.headers)).not.toContain(KEY);
    expect(err!.headers['api-key']).toBeUndefined();
    expect(err!.toJSON().headers).toEqual(err!.headers);
  });

  it('is empty when no answer arrived', async () => {
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch: async () => Promise.reject(new TypeError('fetch failed')), retry: false });
    const err = await caughtApi(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err!.headers).toEqual({});
  });
});

describe("the mock's sl-violations", () => {
  it('names the first violation in the message, not only "invalid request payload"', async () => {
    const ozon = createOzonClient({ clientId: '836', apiKey: 'contract-test-key', baseUrl: inject('mockUrl'), retry: false });
    const body = { filter: { offer_id: [42], visibility: 'ALL' }, limit: 10 } as never;
    const err = await caughtApi(unwrap(ozon.POST('/v3/product/list', { body })));
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err!.status).toBe(400);
    expect(err!.headers['sl-violations']).toBeDefined();
    expect(err!.message).toMatch(/^POST \/v3\/product\/list failed with 400: .+ \(filter\.offer_id\.0 must be string\)$/);
  });
});
