// Unit tests of the client with an injected fetch: headers, options, redaction, error bodies and
// the timeout (also against a real loopback server, to see the connection closed).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createOzonClient,
  DEFAULT_USER_AGENT,
  OzonApiError,
  OzonNetworkError,
  OzonTimeoutError,
  PACKAGE_NAME,
  PACKAGE_VERSION,
  unwrap,
} from '../src/index.js';
import { json, KEY, queueFetch } from './helpers.js';

const REPORT = { result: { code: 'R1', status: 'success' as const } };

function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

function expectNoKey(err: unknown) {
  const e = err as Error & { toJSON?: () => unknown };
  const texts = [e.message, String(e.stack), JSON.stringify(e), JSON.stringify(e.toJSON?.()), JSON.stringify((e as { cause?: unknown }).cause), String((e as { cause?: unknown }).cause)];
  for (const t of texts) if (t !== undefined) expect(t).not.toContain(KEY);
}

describe('createOzonClient: requests', () => {
  it('sends Client-Id, Api-Key, User-Agent and the JSON body to the base URL', async () => {
    const { fetch, log } = queueFetch(json(REPORT));
    const ozon = createOzonClient({ clientId: 836, apiKey: KEY, fetch });
    const data = await unwrap(ozon.POST('/v1/report/info', { body: { code: 'R1' } }));
    expect(data).toEqual(REPORT);
    expect(log).toHaveLength(1);
    const [req] = log;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('https://api-seller.ozon.ru/v1/report/info');
    expect(req!.headers.get('client-id')).toBe('836');
    expect(req!.headers.get('api-key')).toBe(KEY);
    expect(req!.headers.get('user-agent')).toBe(DEFAULT_USER_AGENT);
    expect(req!.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(req!.body)).toEqual({ code: 'R1' });
  });

  it('uses a custom baseUrl and userAgent', async () => {
    const { fetch, log } = queueFetch(json(REPORT));
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, baseUrl: 'http://127.0.0.1:4010/', userAgent: 'my-shop-sync/2.0' });
    await ozon.POST('/v1/report/info', { body: { code: 'R1' } });
    expect(log[0]!.url).toBe('http://127.0.0.1:4010/v1/report/info');
    expect(log[0]!.headers.get('user-agent')).toBe('my-shop-sync/2.0');
  });

  it('names the package and version in the default User-Agent, matching package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(PACKAGE_NAME).toBe(pkg.name);
    expect(PACKAGE_VERSION).toBe(pkg.version);
    expect(DEFAULT_USER_AGENT).toBe(`${pkg.name}/${pkg.version}`);
  });
});

describe('createOzonClient: options', () => {
  const fetch = async () => json({});
  it.each([
    [{ apiKey: KEY }, /"clientId" is required/],
    [{ clientId: '', apiKey: KEY }, /"clientId" is required/],
    [{ clientId: '1' }, /"apiKey" is required/],
    [{ clientId: '1', apiKey: '  ' }, /"apiKey" is required/],
    [{ clientId: '1', apiKey: KEY, baseUrl: 'api-seller.ozon.ru' }, /"baseUrl" is not a valid absolute URL/],
    [{ clientId: '1', apiKey: KEY, baseUrl: 'http://api-seller.ozon.ru' }, /"baseUrl" must use https/],
    [{ clientId: '1', apiKey: KEY, baseUrl: 'http://10.0.0.5:4010' }, /"baseUrl" must use https/],
    [{ clientId: '1', apiKey: KEY, baseUrl: 'ftp://127.0.0.1' }, /"baseUrl" must use https/],
    [{ clientId: '1', apiKey: KEY, timeoutMs: -1 }, /"timeoutMs" must be a finite number/],
    [{ clientId: '1', apiKey: KEY, userAgent: 'a\nb' }, /"userAgent"/],
    // A header value is Latin-1 at most: Cyrillic would make every call throw a bare TypeError.
    [{ clientId: '1', apiKey: KEY, userAgent: 'магазин/1.0' }, /"userAgent"/],
  ])('rejects %o with a TypeError naming the option', (opts, message) => {
    expect(() => createOzonClient({ fetch, ...(opts as object) } as never)).toThrow(TypeError);
    expect(() => createOzonClient({ fetch, ...(opts as object) } as never)).toThrow(message);
  });

  it('never echoes the key in an option error', () => {
    try {
      createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: 'http://example.com', fetch });
      throw new Error('expected a throw');
    } catch (e) {
      expectNoKey(e);
    }
  });

  it.each(['http://localhost:4010', 'http://127.0.0.1:4010', 'http://127.1.2.3', 'http://[::1]:4010', 'https://api-seller.ozon.ru'])(
    'accepts %s',
    (baseUrl) => {
      expect(() => createOzonClient({ clientId: '1', apiKey: KEY, baseUrl, fetch })).not.toThrow();
    },
  );

  it('sends nothing to a plain-http non-loopback host', async () => {
    const { fetch: f, log } = queueFetch(json(REPORT));
    expect(() => createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: 'http://example.com', fetch: f })).toThrow(TypeError);
    expect(log).toHaveLength(0);
  });
});

describe('errors', () => {
  it("turns Ozon's error body into OzonApiError with code, details and Trace-ID", async () => {
    const { fetch } = queueFetch(
      json({ code: 5, message: 'report not found', details: [{ typeUrl: 'type', value: 'v' }] }, { status: 404, headers: { 'Trace-ID': 'abc123' } }),
    );
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch });
    const err = (await caught(unwrap(ozon.POST('/v1/report/info', { body: { code: 'nope' } })))) as OzonApiError;
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.status).toBe(404);
    expect(err.code).toBe(5);
    expect(err.details).toEqual([{ typeUrl: 'type', value: 'v' }]);
    expect(err.traceId).toBe('abc123');
    expect(err.method).toBe('POST');
    expect(err.path).toBe('/v1/report/info');
    expect(err.message).toBe('POST /v1/report/info failed with 404: report not found');
    expect(err.toJSON()).toMatchObject({ status: 404, code: 5, traceId: 'abc123', path: '/v1/report/info' });
  });

  it('turns a 502 HTML page into OzonApiError with a short snippet', async () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(5000)}</body></html>`;
    const { fetch } = queueFetch(new Response(html, { status: 502, headers: { 'content-type': 'text/html' } }));
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, retry: false });
    const err = (await caught(unwrap(ozon.POST('/v1/report/info', { body: { code: 'x' } })))) as OzonApiError;
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.status).toBe(502);
    expect(err.snippet).toContain('502 Bad Gateway');
    expect(err.snippet!.length).toBeLessThanOrEqual(200);
    expect(err.message).toContain('text/html');
    expect(err.message.length).toBeLessThan(400);
  });

  it('turns an empty 405 into OzonApiError', async () => {
    const { fetch } = queueFetch(new Response(null, { status: 405 }));
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch });
    const err = (await caught(unwrap(ozon.POST('/v1/report/info', { body: { code: 'x' } })))) as OzonApiError;
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.status).toBe(405);
    expect(err.message).toBe('POST /v1/report/info failed with 405 and an empty body');
  });

  it('redacts the key from messages, details, snippet, cause and toJSON', async () => {
    const echo = `<pre>Api-Key: ${KEY}</pre>`;
    const { fetch } = queueFetch(
      json({ code: 16, message: `bad key ${KEY}`, details: [{ typeUrl: 'k', value: KEY }] }, { status: 403 }),
      new Response(echo, { status: 500, headers: { 'content-type': 'text/html' } }),
      () => {
        throw new TypeError(`fetch failed for key ${KEY}`);
      },
    );
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, retry: false });
    const e1 = await caught(unwrap(ozon.POST('/v1/report/info', { body: { code: 'x' } })));
    const e2 = await caught(unwrap(ozon.POST('/v1/report/info', { body: { code: 'x' } })));
    const e3 = await caught(ozon.POST('/v1/report/info', { body: { code: 'x' } }));
    expect(e1).toBeInstanceOf(OzonApiError);
    expect((e1 as OzonApiError).message).toContain('[REDACTED]');
    expect(e2).toBeInstanceOf(OzonApiError);
    expect((e2 as OzonApiError).snippet).toContain('[REDACTED]');
    expect(e3).toBeInstanceOf(OzonNetworkError);
    expect(JSON.stringify((e3 as OzonApiError).cause)).toContain('[REDACTED]');
    for (const e of [e1, e2, e3]) expectNoKey(e);
  });

  it('reports a network failure as OzonNetworkError with the method and path', async () => {
    const ozon = createOzonClient({
      clientId: '1',
      apiKey: KEY,
      retry: false,
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
      },
    });
    const err = (await caught(ozon.POST('/v1/report/info', { body: { code: 'x' } }))) as OzonNetworkError;
    expect(err).toBeInstanceOf(OzonNetworkError);
    expect(err.status).toBe(0);
    expect(err.message).toContain('POST /v1/report/info');
    expect(err.message).toContain('ECONNREFUSED');
  });
});

describe('timeout', () => {
  it('aborts the injected fetch and throws OzonTimeoutError', async () => {
    let aborted = false;
    const fetch = (req: Request) =>
      new Promise<Response>((_, reject) => {
        const abort = () => {
          aborted = true;
          reject(req.signal.reason);
        };
        if (req.signal.aborted) abort();
        else req.signal.addEventListener('abort', abort);
      });
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, timeoutMs: 30 });
    const started = Date.now();
    const err = (await caught(ozon.POST('/v1/report/info', { body: { code: 'x' } }))) as OzonTimeoutError;
    expect(err).toBeInstanceOf(OzonTimeoutError);
    expect(err).toBeInstanceOf(OzonApiError);
    expect(err.message).toBe('POST /v1/report/info timed out after 30 ms; the request was aborted');
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    expectNoKey(err);
  });

  it('times out even when the injected fetch ignores the signal', async () => {
    const fetch = () => new Promise<Response>(() => {});
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, timeoutMs: 30, retry: false });
    const err = await caught(ozon.POST('/v1/report/info', { body: { code: 'x' } }));
    expect(err).toBeInstanceOf(OzonTimeoutError);
  });

  it("passes a caller's abort through as an AbortError, not a timeout", async () => {
    const fetch = (req: Request) =>
      new Promise<Response>((_, reject) => {
        if (req.signal.aborted) reject(req.signal.reason);
        req.signal.addEventListener('abort', () => reject(req.signal.reason));
      });
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, timeoutMs: 10_000 });
    const ctl = new AbortController();
    const p = caught(ozon.POST('/v1/report/info', { body: { code: 'x' }, signal: ctl.signal }));
    ctl.abort();
    const err = (await p) as Error;
    expect(err).not.toBeInstanceOf(OzonTimeoutError);
    expect(err.name).toBe('AbortError');
  });

  it('closes the connection to a real server that never answers', async () => {
    let closed!: () => void;
    const sawClose = new Promise<void>((r) => (closed = r));
    let received: IncomingMessage | undefined;
    const server = createServer((req) => {
      received = req;
    });
    server.on('connection', (socket) => socket.on('close', () => closed()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const ozon = createOzonClient({ clientId: '1', apiKey: KEY, baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 100 });
      const err = await caught(ozon.POST('/v1/report/info', { body: { code: 'x' } }));
      expect(err).toBeInstanceOf(OzonTimeoutError);
      await sawClose;
      if (received) expect(received.headers['api-key']).toBe(KEY);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
