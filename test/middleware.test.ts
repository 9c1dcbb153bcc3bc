// Middleware, as openapi-fetch defines it (`use`, `eject`, per-call `middleware`): a real Request to
// read and change, a Response or an Error in place of the answer, against a loopback server (so
// the file runs on both senders, see vitest.config.ts).
import type { Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { createOzonClient, OzonNetworkError, unwrap } from '../src/index.js';
import { caught, json, KEY } from './helpers.js';
import { sendJson, startServer, type Handler, type TestServer } from './server.js';

const REPORT = { result: { code: 'R1', status: 'success' } };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler = (_, res) => sendJson(res, REPORT)) {
  server = await startServer(handler);
  return { ozon: createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: server.url, retry: false }), seen: server.seen };
}

describe('onRequest', () => {
  it('sees a real Request with the auth headers and the body, and what openapi-fetch passes along', async () => {
    const { ozon } = await setup();
    const calls: unknown[] = [];
    ozon.use({
      async onRequest({ request, schemaPath, params, options, id }) {
        expect(request).toBeInstanceOf(Request);
        calls.push({
          method: request.method,
          url: request.url,
          key: request.headers.get('api-key'),
          type: request.headers.get('content-type'),
          body: await request.clone().json(),
          schemaPath,
          params,
          parseAs: options.parseAs,
          id: typeof id === 'string' && id.length > 0,
        });
      },
    });
    await unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
    expect(calls).toEqual([
      { method: 'POST', url: `${server!.url}/v1/report/info`, key: KEY, type: 'application/json', body: { code: 'R1' }, schemaPath: '/v1/report/info', params: {}, parseAs: 'json', id: true },
    ]);
  });

  it('can send another Request: its headers and body are what goes out', async () => {
    const { ozon, seen } = await setup();
    ozon.use({
      async onRequest({ request }) {
        const body = { ...(await request.json()), code: 'R2' };
        const headers = new Headers(request.headers);
        headers.set('X-Request-Source', 'middleware');
        return new Request(request.url, { method: request.method, headers, body: JSON.stringify(body) });
      },
    });
    await unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
    expect(seen[0]!.body).toEqual({ code: 'R2' });
    expect(seen[0]!.headers['x-request-source']).toBe('middleware');
    expect(seen[0]!.headers['api-key']).toBe(KEY);
  });

  it('can turn the request into a HEAD: the answer is read as a HEAD one (no data), as in openapi-fetch', async () => {
    const { ozon, seen } = await setup((req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': '15' }).end());
    ozon.use({ onRequest: ({ request }) => new Request(request.url, { method: 'HEAD', headers: request.headers }) });
    const { data, error, response } = await ozon.POST('/v1/report/info', { body: { code: 'R1' } });
    expect(seen[0]!.method).toBe('HEAD');
    expect(response.status).toBe(200);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it('can answer itself with a Response: nothing is sent', async () => {
    const { ozon, seen } = await setup();
    ozon.use({ onRequest: () => json({ result: { code: 'cached' } }) });
    expect(await unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } }))).toEqual({ result: { code: 'cached' } });
    expect(seen).toHaveLength(0);
  });

  it('rejects anything else it returns', async () => {
    const { ozon } = await setup();
    ozon.use({ onRequest: () => ({ not: 'a request' }) as never });
    expect((await caught(ozon.POST('/v1/report/info', { body: { code: 'R1' } })))?.message).toMatch(/onRequest: must return new Request\(\) or Response\(\)/);
  });
});

describe('onResponse and onError', () => {
  it('onResponse sees the answer and can replace it; the last added runs first', async () => {
    const { ozon } = await setup();
    const order: string[] = [];
    const first: Middleware = {
      onResponse: async ({ response }) => {
        order.push(`first saw ${(await response.clone().json()).result.code}`);
      },
    };
    const second: Middleware = {
      onResponse: ({ response }) => {
        order.push(`second saw ${response.status}`);
        return json({ result: { code: 'replaced' } });
      },
    };
    ozon.use(first, second);
    const data = await unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
    expect(data).toEqual({ result: { code: 'replaced' } });
    expect(order).toEqual(['second saw 200', 'first saw replaced']);
  });

  it('onError can turn a failed request into a Response, or into another Error', async () => {
    const { ozon } = await setup((_, res) => res.socket!.destroy());
    const fallback: Middleware = { onError: () => json({ result: { code: 'offline' } }) };
    ozon.use(fallback);
    expect(await unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } }))).toEqual({ result: { code: 'offline' } });
    ozon.eject(fallback);
    const err = await caught(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
    expect(err).toBeInstanceOf(OzonNetworkError);
    const seenErrors: unknown[] = [];
    ozon.use({
      onError: ({ error }) => {
        seenErrors.push(error);
        return new Error('wrapped by middleware');
      },
    });
    const wrapped = await caught(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
    expect(seenErrors[0]).toBeInstanceOf(OzonNetworkError);
    // An error that is not Ozon's becomes an OzonNetworkError naming it, as any failure below the client.
    expect(wrapped).toBeInstanceOf(OzonNetworkError);
    expect(wrapped.message).toContain('wrapped by middleware');
  });
});

describe('per call', () => {
  it('runs the middleware of one call after the client-wide ones, and only for that call', async () => {
    const { ozon, seen } = await setup();
    const tag = (value: string): Middleware => ({
      onRequest: ({ request }) => {
        request.headers.append('X-Tag', value);
        return request;
      },
    });
    ozon.use(tag('client'));
    await ozon.POST('/v1/report/info', { body: { code: 'R1' }, middleware: [tag('call')] });
    await ozon.POST('/v1/report/info', { body: { code: 'R1' } });
    expect(seen.map((s) => s.headers['x-tag'])).toEqual(['client, call', 'client']);
  });
});
