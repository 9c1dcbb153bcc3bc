// The push receiver through a real loopback node:http server (and its Web-standard shape): every
// webhook of the bundled spec, the connection check, and every way a request can go wrong.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OZON_PUSH_SOURCES, PushError, createPushHandler, pushTypes, type PushHandlerOptions, type PushHandlers } from '../src/push/index.js';
import { callerAddress, sourceMatcher } from '../src/push/sources.js';
import { spec } from './spec.js';

interface Answer {
  status: number;
  contentType: string | undefined;
  body: any;
}

const servers: Server[] = [];

/** A loopback server running `createPushHandler(handlers, options).node`; resolves to its URL. */
async function serve(handlers: PushHandlers, options: PushHandlerOptions = {}): Promise<string> {
  const server = createServer(createPushHandler(handlers, { onError: () => {}, ...options }).node);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`;
}

/** A raw HTTP request (any body, any method), so malformed bodies reach the receiver as sent. */
function send(url: string, body: string | Buffer | undefined, { method = 'POST', headers = {} as Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (url: string, payload: unknown) => send(url, JSON.stringify(payload));
const webhooks = Object.entries<any>(spec.webhooks);
const exampleOf = (type: string) => spec.webhooks[type].post.requestBody.content['application/json'].example;
const newPosting = exampleOf('TYPE_NEW_POSTING');

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe('every webhook of the spec', () => {
  const got = new Map<string, unknown[]>();
  let url: string;
  beforeAll(async () => {
    const handlers = Object.fromEntries(pushTypes.filter((t) => t !== 'TYPE_PING').map((t) => [t, (p: unknown) => void got.set(t, [...(got.get(t) ?? []), p])]));
    url = await serve(handlers as PushHandlers, { name: 'shop-sync', version: '2.4.1', now: () => new Date('2026-03-02T10:00:00.000Z') });
  });

  it('knows the same types as the spec', () => {
    expect([...pushTypes].sort()).toEqual(webhooks.map(([t]) => t).sort());
    expect(webhooks.length).toBeGreaterThanOrEqual(14);
  });

  it.each(webhooks.filter(([t]) => t !== 'TYPE_PING'))('%s: the example gets 200 {"result": true} and reaches its callback', async (type) => {
    const answer = await post(url, exampleOf(type));
    expect(answer).toEqual({ status: 200, contentType: 'application/json', body: { result: true } });
    expect(got.get(type)).toEqual([exampleOf(type)]);
  });

  it('TYPE_PING: answered by the receiver with the name, version and time', async () => {
    const answer = await post(url, exampleOf('TYPE_PING'));
    expect(answer).toEqual({ status: 200, contentType: 'application/json', body: { version: '2.4.1', name: 'shop-sync', time: '2026-03-02T10:00:00.000Z' } });
  });

  it('TYPE_PING by default names this package and the current time', async () => {
    const before = Date.now();
    const answer = await post(await serve({}), { message_type: 'TYPE_PING', time: '2026-03-02T10:00:00Z' });
    expect(answer.body).toMatchObject({ name: 'ozon-seller-api', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(Date.parse(answer.body.time)).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('what goes wrong', () => {
  const calls: string[] = [];
  let url: string;
  const errors: unknown[] = [];
  let finishedLate = false;
  let lateSignal: AbortSignal | undefined;
  beforeAll(async () => {
    url = await serve(
      {
        TYPE_NEW_POSTING: (p) => void calls.push(p.posting_number),
        TYPE_POSTING_CANCELLED: () => {
          throw new Error('database password=hunter2 rejected');
        },
        TYPE_STATE_CHANGED: async (_p, { signal }) => {
          lateSignal = signal;
          await new Promise((r) => setTimeout(r, 1200));
          finishedLate = true;
        },
        TYPE_CHAT_CLOSED: () => {
          throw new PushError('chat is not known yet', { status: 404, code: 'ERROR_PARAMETER_VALUE_MISSED', details: 'b646d975' });
        },
      },
      { timeoutMs: 200, onError: (e) => errors.push(e) },
    );
  });

  /** After every failure, a good notification is still served. */
  async function stillServes() {
    const before = calls.length;
    expect(await post(url, newPosting)).toMatchObject({ status: 200, body: { result: true } });
    expect(calls.length).toBe(before + 1);
  }

  const cases: [string, () => Promise<Answer>, number, string, RegExp][] = [
    ['malformed JSON', () => send(url, '{"message_type": "TYPE_NEW_POSTING",'), 400, 'ERROR_UNKNOWN', /not valid JSON/],
    ['an empty body', () => send(url, ''), 400, 'ERROR_PARAMETER_VALUE_MISSED', /body is empty/],
    ['a JSON array', () => send(url, '[1]'), 400, 'ERROR_UNKNOWN', /JSON object/],
    ['no message_type', () => post(url, { posting_number: '1' }), 400, 'ERROR_PARAMETER_VALUE_MISSED', /message_type is missing/],
    ['an unknown type', () => post(url, { message_type: 'TYPE_POSTING_SHIPPED' }), 400, 'ERROR_UNKNOWN', /unknown message_type "TYPE_POSTING_SHIPPED"/],
    ['a missing required field', () => post(url, { ...newPosting, posting_number: undefined }), 400, 'ERROR_PARAMETER_VALUE_MISSED', /TYPE_NEW_POSTING: \/posting_number is required/],
    ['a field of the wrong type', () => post(url, { ...newPosting, products: [{ sku: 'abc', quantity: 1 }] }), 400, 'ERROR_PARAMETER_VALUE_MISSED', /\/products\/0\/sku must be integer, not string/],
    ['a value outside the enum', () => post(url, { ...exampleOf('TYPE_STATE_CHANGED'), new_state: 'posting_teleported' }), 400, 'ERROR_PARAMETER_VALUE_MISSED', /\/new_state must be one of/],
    ['a GET', () => send(url, undefined, { method: 'GET' }), 405, 'ERROR_UNKNOWN', /POSTed; got GET/],
    ['a body over the limit', () => send(url, JSON.stringify({ ...newPosting, pad: 'x'.repeat(1_100_000) })), 413, 'ERROR_UNKNOWN', /larger than 1048576 bytes/],
  ];

  it.each(cases)('%s: the error answer, and the next request is served', async (_name, call, status, code, message) => {
    const answer = await call();
    expect(answer.status).toBe(status);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.message).toMatch(message);
    await stillServes();
  });

  it('a callback that throws: 500 with a generic message, no stack or secret; the error goes to onError', async () => {
    const answer = await post(url, exampleOf('TYPE_POSTING_CANCELLED'));
    expect(answer).toMatchObject({ status: 500, body: { error: { code: 'ERROR_UNKNOWN', message: expect.stringContaining('could not be processed') } } });
    expect(JSON.stringify(answer.body)).not.toMatch(/hunter2|password|at .*\.ts|Error:/);
    expect(String(errors.at(-1))).toContain('hunter2');
    await stillServes();
  });

  it('a callback that throws PushError: its status, code and message', async () => {
    const answer = await post(url, exampleOf('TYPE_CHAT_CLOSED'));
    expect(answer).toEqual({ status: 404, contentType: 'application/json', body: { error: { code: 'ERROR_PARAMETER_VALUE_MISSED', message: 'chat is not known yet', details: 'b646d975' } } });
    await stillServes();
  });

  it('a callback slower than timeoutMs: 503 before it ends; it keeps running, its signal is aborted', async () => {
    const started = Date.now();
    const answer = await post(url, exampleOf('TYPE_STATE_CHANGED'));
    const took = Date.now() - started;
    expect(answer).toMatchObject({ status: 503, body: { error: { code: 'ERROR_UNKNOWN', message: expect.stringContaining('within 200 ms') } } });
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1000);
    expect(finishedLate).toBe(false);
    expect(lateSignal?.aborted).toBe(true);
    await stillServes();
    await new Promise((r) => setTimeout(r, 1200));
    expect(finishedLate).toBe(true);
  });

  it('a slow callback that fails after the answer: its error goes to onError, marked late', async () => {
    const late: unknown[] = [];
    const u = await serve(
      {
        TYPE_CUTOFF_DATE_CHANGED: async () => {
          await new Promise((r) => setTimeout(r, 150));
          throw new Error('too late to fail');
        },
      },
      { timeoutMs: 50, onError: (e, info) => late.push([String(e), info]) },
    );
    expect((await post(u, exampleOf('TYPE_CUTOFF_DATE_CHANGED'))).status).toBe(503);
    await new Promise((r) => setTimeout(r, 250));
    expect(late).toEqual([['Error: too late to fail', { type: 'TYPE_CUTOFF_DATE_CHANGED', late: true }]]);
    expect((await post(u, exampleOf('TYPE_PING'))).status).toBe(200);
  });

  it('int64 fields sent as strings of digits reach the callback as numbers', async () => {
    let seen: unknown;
    const u = await serve({ TYPE_NEW_MESSAGE: (p) => void (seen = p.seller_id) });
    expect((await post(u, { ...exampleOf('TYPE_NEW_MESSAGE'), seller_id: '7' })).status).toBe(200);
    expect(seen).toBe(7);
  });

  it('options: strictEnums false and acceptUnknownTypes', async () => {
    const u = await serve({}, { strictEnums: false, acceptUnknownTypes: true });
    expect((await post(u, { ...exampleOf('TYPE_STATE_CHANGED'), new_state: 'posting_teleported' })).status).toBe(200);
    expect((await post(u, { message_type: 'TYPE_POSTING_SHIPPED', posting_number: '1' })).body).toEqual({ result: true });
    expect((await post(u, { ...exampleOf('TYPE_STATE_CHANGED'), new_state: 42 })).status).toBe(400);
  });

  it('a type with no callback is acknowledged', async () => {
    expect(await post(url, exampleOf('TYPE_STOCKS_CHANGED'))).toMatchObject({ status: 200, body: { result: true } });
  });
});

describe('allowedSources', () => {
  it("refuses a caller outside Ozon's ranges with 403, and serves the next allowed one", async () => {
    const refused = await serve({}, { allowedSources: OZON_PUSH_SOURCES });
    const answer = await post(refused, newPosting);
    expect(answer).toMatchObject({ status: 403, body: { error: { code: 'ERROR_UNKNOWN', message: expect.stringContaining('allowed address') } } });
    const loopback = await serve({}, { allowedSources: [...OZON_PUSH_SOURCES, '127.0.0.0/8'] });
    expect((await post(loopback, newPosting)).status).toBe(200);
    expect((await post(refused, newPosting)).status).toBe(403);
  });

  it('reads X-Forwarded-For only behind a trusted proxy', async () => {
    const xff = { 'x-forwarded-for': '10.0.0.1, 195.34.21.77' };
    const direct = await serve({}, { allowedSources: OZON_PUSH_SOURCES });
    expect((await send(direct, JSON.stringify(newPosting), { headers: xff })).status).toBe(403);
    const proxied = await serve({}, { allowedSources: OZON_PUSH_SOURCES, trustProxy: true });
    expect((await send(proxied, JSON.stringify(newPosting), { headers: xff })).status).toBe(200);
    // A forged leftmost entry does not help: the proxy appends the real peer on the right.
    expect((await send(proxied, JSON.stringify(newPosting), { headers: { 'x-forwarded-for': '195.34.21.77, 10.0.0.1' } })).status).toBe(403);
    expect((await send(proxied, JSON.stringify(newPosting))).status).toBe(403);
  });

  it('matches IPv4 ranges, IPv4-mapped addresses and the proxy chain from the right', () => {
    const ozon = sourceMatcher(OZON_PUSH_SOURCES);
    expect(['195.34.21.0', '195.34.21.255', '185.73.192.1', '185.73.195.254', '91.223.93.9', '::ffff:185.73.193.4'].every(ozon)).toBe(true);
    expect(['195.34.22.0', '185.73.196.0', '185.73.191.255', '127.0.0.1', '::1', 'nonsense', undefined].some(ozon)).toBe(false);
    expect(sourceMatcher(['::1'])('::1')).toBe(true);
    expect(() => sourceMatcher(['300.1.1.1/8'])).toThrow(TypeError);
    expect(() => sourceMatcher(['10.0.0.0/33'])).toThrow(TypeError);
    expect(callerAddress('10.0.0.9', 'a, b, c', 0)).toBe('10.0.0.9');
    expect(callerAddress('10.0.0.9', 'a, b, c', 2)).toBe('b');
    expect(callerAddress('10.0.0.9', 'a', 2)).toBeUndefined();
  });
});

describe('the Web-standard shape', () => {
  it('takes a Request and gives a Response, from the same core', async () => {
    const got: unknown[] = [];
    const handler = createPushHandler({ TYPE_NEW_POSTING: (p) => void got.push(p) }, { allowedSources: ['127.0.0.1'] });
    const req = (body: string, remoteAddress?: string) => handler(new Request('http://localhost/push', { method: 'POST', body }), remoteAddress ? { remoteAddress } : undefined);
    const ok = await req(JSON.stringify(newPosting), '127.0.0.1');
    expect([ok.status, ok.headers.get('content-type'), await ok.json()]).toEqual([200, 'application/json', { result: true }]);
    expect(got).toEqual([newPosting]);
    expect((await req(JSON.stringify(newPosting))).status).toBe(403);
    const deno = await handler(new Request('http://localhost/push', { method: 'POST', body: '{' }), { remoteAddr: { hostname: '127.0.0.1' } });
    expect([deno.status, (await deno.json()).error.code]).toEqual([400, 'ERROR_UNKNOWN']);
    expect((await handler(new Request('http://localhost/push'))).status).toBe(405);
  });

  it('works in node:http through a small adapter', async () => {
    const handler = createPushHandler({});
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const answer = await handler(new Request(`http://localhost${req.url}`, { method: req.method, body: Buffer.concat(chunks) }));
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type')! }).end(await answer.text());
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const answer = await post(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, newPosting);
    expect(answer.body).toEqual({ result: true });
  });

  it('uses a body an Express parser already read', async () => {
    const got: unknown[] = [];
    const handler = createPushHandler({ TYPE_NEW_POSTING: (p) => void got.push(p) });
    const res = { statusCode: 0, headers: {} as Record<string, string>, text: '', setHeader(n: string, v: string) { this.headers[n] = v; }, end(t?: string) { this.text = t ?? ''; } };
    const req = { method: 'POST', headers: {}, socket: { remoteAddress: '127.0.0.1' }, body: structuredClone(newPosting), async *[Symbol.asyncIterator]() {} };
    await handler.node(req, res);
    expect([res.statusCode, res.headers['content-type'], JSON.parse(res.text)]).toEqual([200, 'application/json', { result: true }]);
    expect(got).toEqual([newPosting]);
  });

  it('refuses handlers for unknown types and bad options at creation', () => {
    expect(() => createPushHandler({ TYPE_NO_SUCH: () => {} } as PushHandlers)).toThrow(/TYPE_NO_SUCH/);
    expect(() => createPushHandler({ TYPE_PING: () => {} } as PushHandlers)).toThrow(/TYPE_PING/);
    expect(() => createPushHandler({}, { timeoutMs: 0 })).toThrow(TypeError);
    expect(() => createPushHandler({}, { allowedSources: ['10.0.0.0/40'] })).toThrow(TypeError);
  });
});
