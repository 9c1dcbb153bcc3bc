// What the default sender must do the way fetch does, against real loopback servers: compressed
// answers, redirects, the body read inside the attempt (abort, timeout, a cut connection), exact
// Content-Length, kept-alive connections, and a `Response` that behaves as one. The file runs on
// both senders (node:http, and fetch with OZON_SELLER_API_TRANSPORT=fetch: see vitest.config.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOzonClient, OzonNetworkError, OzonTimeoutError, unwrap, type OzonClientOptions } from '../src/index.js';
import { caught, KEY } from './helpers.js';
import { sendJson, startServer, type Handler, type TestServer } from './server.js';

const onNodeHttp = process.env.OZON_SELLER_API_TRANSPORT !== 'fetch';
const REPORT = { result: { code: 'R1', status: 'success', file: 'https://cdn/r1.csv' } };
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}

const client = (baseUrl: string, options: Partial<OzonClientOptions> = {}) =>
  createOzonClient({ clientId: '1', apiKey: KEY, baseUrl, retry: false, ...options } as OzonClientOptions);
const info = (ozon: ReturnType<typeof client>, init: object = {}) => ozon.POST('/v1/report/info', { body: { code: 'R1' }, ...init });

describe('compressed answers', () => {
  const encoders: Record<string, (b: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
  it.each(Object.keys(encoders))('decodes %s', async (coding) => {
    const srv = await serve((_, res) => {
      const body = encoders[coding]!(Buffer.from(JSON.stringify(REPORT)));
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding, 'content-length': body.length }).end(body);
    });
    const { data, response } = await info(client(srv.url));
    expect(data).toEqual(REPORT);
    expect(await response.clone().json()).toEqual(REPORT);
    expect(srv.seen[0]!.headers['accept-encoding']).toMatch(/gzip, deflate/);
  });

  it('decodes two codings in the order they were applied', async () => {
    const srv = await serve((_, res) => {
      const body = brotliCompressSync(gzipSync(Buffer.from(JSON.stringify(REPORT))));
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip, br' }).end(body);
    });
    expect(await unwrap(info(client(srv.url)))).toEqual(REPORT);
  });
});

describe('redirects', () => {
  it('keeps the method and body on a 307 and 308', async () => {
    const srv = await serve((req, res, n) => {
      if (n < 3) return res.writeHead(n === 1 ? 307 : 308, { location: `/moved${n}` }).end();
      sendJson(res, REPORT);
    });
    const { data, response } = await info(client(srv.url));
    expect(data).toEqual(REPORT);
    expect(srv.seen.map((s) => `${s.method} ${s.url} ${JSON.stringify(s.body)}`)).toEqual([
      'POST /v1/report/info {"code":"R1"}',
      'POST /moved1 {"code":"R1"}',
      'POST /moved2 {"code":"R1"}',
    ]);
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${srv.url}/moved2`);
  });

  it.each([303, 302, 301])('turns a POST into a GET without a body on a %i', async (status) => {
    const srv = await serve((req, res, n) => (n === 1 ? res.writeHead(status, { location: '/result' }).end() : sendJson(res, REPORT)));
    expect(await unwrap(info(client(srv.url)))).toEqual(REPORT);
    const second = srv.seen[1]!;
    expect(second.method).toBe('GET');
    expect(second.body).toBeUndefined();
    expect(second.headers['content-type']).toBeUndefined();
    expect(second.headers['api-key']).toBe(KEY); // same origin: the credentials go along
  });

  it('sends no OAuth token to another origin', async () => {
    const other = await serve((_, res) => sendJson(res, REPORT));
    const srv = await serve((_, res) => res.writeHead(307, { location: `${other.url.replace('127.0.0.1', 'localhost')}/there` }).end());
    const ozon = createOzonClient({ accessToken: 'token-must-stay-home', baseUrl: srv.url, retry: false });
    expect(await unwrap(info(ozon))).toEqual(REPORT);
    expect(srv.seen[0]!.headers.authorization).toBe('Bearer token-must-stay-home');
    expect(other.seen[0]!.url).toBe('/there');
    expect(other.seen[0]!.headers.authorization).toBeUndefined();
  });

  // fetch by itself forwards headers it does not know as credentials (Api-Key) to another origin.
  it('sends no Api-Key or Client-Id to another origin', async () => {
    const other = await serve((_, res) => sendJson(res, REPORT));
    const srv = await serve((_, res) => res.writeHead(302, { location: `${other.url.replace('127.0.0.1', 'localhost')}/there` }).end());
    expect(await unwrap(info(client(srv.url)))).toEqual(REPORT);
    expect(srv.seen[0]!.headers['api-key']).toBe(KEY);
    expect(other.seen[0]!.headers['api-key']).toBeUndefined();
    expect(other.seen[0]!.headers['client-id']).toBeUndefined();
  });

  it('follows a Location sent as raw UTF-8 bytes to the path it names', async () => {
    const location = Buffer.from('/файл?q=я').toString('latin1'); // what node:http puts on the wire as is
    const srv = await serve((req, res, n) => (n === 1 ? res.writeHead(302, { location }).end() : sendJson(res, REPORT)));
    const { data, response } = await info(client(srv.url));
    expect(data).toEqual(REPORT);
    expect(srv.seen[1]!.url).toBe('/%D1%84%D0%B0%D0%B9%D0%BB?q=%D1%8F');
    expect(response.url).toBe(`${srv.url}/%D1%84%D0%B0%D0%B9%D0%BB?q=%D1%8F`);
  });

  it('does not wait for the body of a redirect it follows, and closes a connection still sending one', async () => {
    const srv = await serve((req, res, n) => {
      if (n > 1) return sendJson(res, REPORT);
      res.writeHead(302, { location: '/there', 'content-length': '1000' });
      res.write('<html>'); // then stalls
    });
    const { data } = await info(client(srv.url, { timeoutMs: 1000 }));
    expect(data).toEqual(REPORT);
    expect(srv.seen.map((s) => s.url)).toEqual(['/v1/report/info', '/there']);
    // node:http closes it once the call is done (fetch leaves it to drain).
    if (onNodeHttp) await expect.poll(() => srv.closed()).toBe(1);
  });

  it('gives up after 20 redirects with OzonNetworkError', async () => {
    const srv = await serve((req, res, n) => res.writeHead(302, { location: `/loop${n}` }).end());
    const err = await caught(info(client(srv.url)));
    expect(err).toBeInstanceOf(OzonNetworkError);
    expect(srv.seen).toHaveLength(21);
  });

  it('follows redirects through an injected fetch one request at a time, keeping the credentials home', async () => {
    const other = await serve((_, res) => sendJson(res, REPORT));
    const srv = await serve((_, res) => res.writeHead(307, { location: `${other.url.replace('127.0.0.1', 'localhost')}/there` }).end());
    const seen: string[] = [];
    const ozon = client(srv.url, {
      fetch: (req: Request) => {
        seen.push(`${req.method} ${req.url} redirect=${req.redirect} api-key=${req.headers.get('api-key') ?? '-'}`);
        return fetch(req);
      },
    });
    const { data, response } = await info(ozon);
    expect(data).toEqual(REPORT);
    expect(seen).toEqual([
      `POST ${srv.url}/v1/report/info redirect=manual api-key=${KEY}`,
      `POST ${other.url.replace('127.0.0.1', 'localhost')}/there redirect=manual api-key=-`,
    ]);
    expect(other.seen[0]!.body).toEqual({ code: 'R1' });
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${other.url.replace('127.0.0.1', 'localhost')}/there`);
  });

  it('refuses a redirect whose target the runtime hides (an opaque redirect), sending nothing more', async () => {
    let calls = 0;
    const opaque = () => {
      calls++;
      return Promise.resolve(Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' }));
    };
    const err = await caught(info(client('https://api-seller.ozon.ru', { fetch: opaque })));
    expect(err).toBeInstanceOf(OzonNetworkError);
    expect((err as Error).message).toContain('opaque redirect');
    expect(calls).toBe(1);
  });

  it("returns the 3xx itself with redirect: 'manual'", async () => {
    const srv = await serve((_, res) => res.writeHead(302, { location: '/elsewhere' }).end());
    const { response } = await info(client(srv.url), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
    expect(srv.seen).toHaveLength(1);
  });
});

describe('the body is read inside the attempt', () => {
  /** Sends the headers and half a body, then stalls. */
  const stall: Handler = (_, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"result":');
  };

  it('a caller abort in the middle of the body rejects with AbortError and closes the connection', async () => {
    const srv = await serve(stall);
    const ctl = new AbortController();
    const p = caught(info(client(srv.url), { signal: ctl.signal }));
    await expect.poll(() => srv.seen.length).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    ctl.abort();
    const err = await p;
    expect(err.name).toBe('AbortError');
    await expect.poll(() => srv.closed()).toBe(1);
  });

  it('the timeout covers the body: OzonTimeoutError, and the connection is closed', async () => {
    const srv = await serve(stall);
    const err = await caught(info(client(srv.url, { timeoutMs: 100 })));
    expect(err).toBeInstanceOf(OzonTimeoutError);
    await expect.poll(() => srv.closed()).toBe(1);
  });

  it('a connection cut in the middle of the body is retried for an idempotent operation', async () => {
    const srv = await serve((req, res, n) => {
      if (n > 1) return sendJson(res, REPORT);
      const body = gzipSync(Buffer.from(JSON.stringify(REPORT)));
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length });
      res.write(body.subarray(0, 10));
      setTimeout(() => res.socket!.destroy(), 5);
    });
    const ozon = client(srv.url, { retry: { retries: 2, baseDelayMs: 1 } });
    expect(await unwrap(info(ozon))).toEqual(REPORT);
    expect(srv.seen).toHaveLength(2);
  });
});

describe('requests and connections', () => {
  it('sends the exact Content-Length of a body with non-ASCII text', async () => {
    const srv = await serve((_, res) => sendJson(res, { result: [] }));
    const body = { filter: { offer_id: ['ПУШКИНО-汉字'] }, limit: 10 };
    await client(srv.url).POST('/v3/product/list', { body: body as never });
    expect(srv.seen[0]!.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(body))));
    expect(srv.seen[0]!.body).toEqual(body);
  });

  it('sends a FormData body as multipart with its boundary', async () => {
    const srv = await serve((_, res) => sendJson(res, { result: { id: 5 } }));
    const form = new FormData();
    form.append('name', 'Декларация');
    form.append('files', new Blob([new Uint8Array([37, 80, 68, 70])], { type: 'application/pdf' }), 'scan.pdf');
    await (client(srv.url) as any).POST('/v1/product/certificate/create', { body: form });
    const seen = srv.seen[0]!;
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.body).toContain('Декларация');
    expect(seen.body).toContain('filename="scan.pdf"');
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(seen.body)));
  });

  it('keeps the connection alive between calls', async () => {
    const srv = await serve((_, res) => sendJson(res, REPORT));
    const ozon = client(srv.url);
    for (let i = 0; i < 10; i++) expect(await unwrap(info(ozon))).toEqual(REPORT);
    expect(srv.seen).toHaveLength(10);
    expect(srv.opened()).toBeLessThanOrEqual(2); // fetch may open a second one while the first is handed back
  });

  it('answers with a Response that reads, clones and keeps every header', async () => {
    const srv = await serve((_, res) => {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      sendJson(res, REPORT, 200, { 'trace-id': 'trace-42' });
    });
    const { data, response } = await info(client(srv.url));
    expect(data).toEqual(REPORT);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.url).toBe(`${srv.url}/v1/report/info`);
    expect(response.headers.get('trace-id')).toBe('trace-42');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.bodyUsed).toBe(false);
    expect(await response.clone().json()).toEqual(REPORT);
    expect(await response.text()).toBe(JSON.stringify(REPORT));
  });

  it('reads an answer as text or bytes when asked', async () => {
    const srv = await serve((_, res) => sendJson(res, REPORT));
    const ozon = client(srv.url);
    const text = await ozon.POST('/v1/report/info', { body: { code: 'R1' }, parseAs: 'text' });
    expect(text.data).toBe(JSON.stringify(REPORT));
    const bytes = await ozon.POST('/v1/report/info', { body: { code: 'R1' }, parseAs: 'arrayBuffer' });
    expect(new TextDecoder().decode(bytes.data)).toBe(JSON.stringify(REPORT));
  });
});

describe('as fetch does', () => {
  it('sends a header value with Latin-1 letters one byte each', async () => {
    const srv = await serve((_, res) => sendJson(res, REPORT));
    await info(client(srv.url, { userAgent: 'shop-Müller/1.0' }), { headers: { 'X-Note': 'café' } });
    // node:http's server reads header bytes as Latin-1: UTF-8 bytes would arrive as "MÃ¼ller".
    expect(srv.seen[0]!.headers['user-agent']).toBe('shop-Müller/1.0');
    expect(srv.seen[0]!.headers['x-note']).toBe('café');
  });

  it('sends a string body without a Content-Type as text/plain', async () => {
    const srv = await serve((_, res) => sendJson(res, REPORT));
    const bodySerializer = (b: { code: string }) => `code=${b.code}`;
    await client(srv.url).POST('/v1/report/info', { body: { code: 'R1' }, bodySerializer, headers: { 'Content-Type': null } } as never);
    expect(srv.seen[0]!.body).toBe('code=R1');
    expect(srv.seen[0]!.headers['content-type']).toBe('text/plain;charset=UTF-8');
  });

  it('refuses a GET with a body before sending it: a TypeError, as openapi-fetch throws', async () => {
    const srv = await serve((_, res) => sendJson(res, REPORT));
    const ozon = client(srv.url, { retry: { retries: 2, baseDelayMs: 1 } }) as any;
    const err = await caught(ozon.GET('/v1/actions', { body: { a: 1 } }));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toMatch(/GET\/HEAD method cannot have body/);
    expect(srv.seen).toHaveLength(0);
  });

  it('answers with a Response whose clones keep url and redirected', async () => {
    const srv = await serve((_, res, n) => (n === 1 ? res.writeHead(307, { location: '/moved' }).end() : sendJson(res, REPORT)));
    const { response } = await info(client(srv.url));
    for (const r of [response, response.clone(), response.clone().clone()]) {
      expect(r.url).toBe(`${srv.url}/moved`);
      expect(r.redirected).toBe(true);
    }
    expect(await response.clone().json()).toEqual(REPORT);
  });
});

describe('a process that made calls can exit', () => {
  let bundle: string;
  beforeAll(async () => {
    // The client as one ES module a plain `node` child can import (the sources are TypeScript).
    bundle = join(mkdtempSync(join(tmpdir(), 'ozon-exit-')), 'client.mjs');
    await build({ entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', outfile: bundle, conditions: ['ozon-seller-api-source', 'node'], logLevel: 'error' });
  });
  afterAll(() => rmSync(dirname(bundle), { recursive: true, force: true }));

  // Neither a kept-alive connection nor a timer of the client may hold the event loop: the
  // default timeout (30 s) or the idle connection (4 s) would keep the child alive that long.
  it('ends its event loop promptly after a call and a timed-out call', async () => {
    const srv = await serve((req, res) => (req.url === '/stall/v1/report/info' ? undefined : sendJson(res, REPORT)));
    const script = `
      import { createOzonClient } from ${JSON.stringify(pathToFileURL(bundle).href)};
      const ozon = createOzonClient({ clientId: '1', apiKey: 'k', baseUrl: ${JSON.stringify(srv.url)} });
      await ozon.POST('/v1/report/info', { body: { code: 'R1' } });
      const late = await ozon.withOptions({ timeoutMs: 100 }).POST('/v1/report/info', { baseUrl: ${JSON.stringify(`${srv.url}/stall`)}, body: { code: 'R1' } }).catch((e) => e.name);
      console.log('done', late);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: process.env });
    let out = '';
    let doneAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += String(d);
      if (out.includes('done')) doneAt ||= Date.now();
    });
    child.stderr.on('data', (d: Buffer) => (out += String(d)));
    const killer = setTimeout(() => child.kill(), 10_000);
    const code = await new Promise((r) => child.on('exit', r));
    clearTimeout(killer);
    expect(out.trim()).toBe('done OzonTimeoutError');
    expect(code).toBe(0);
    expect(Date.now() - doneAt).toBeLessThan(2_000);
    expect(srv.seen).toHaveLength(2);
  });
});

describe('the transport option', () => {
  // fetch adds headers of its own (Sec-Fetch-Mode, Accept-Language); node:http sends only ours.
  const viaFetch = (seen: { headers: Record<string, unknown> }) => seen.headers['sec-fetch-mode'] === 'cors';

  it('sends the way this test project says: node:http by default, fetch with OZON_SELLER_API_TRANSPORT=fetch', async () => {
    const srv = await serve((_, res) => sendJson(res, REPORT));
    await info(client(srv.url));
    expect(viaFetch(srv.seen[0]!)).toBe(!onNodeHttp);
  });

  it("transport: 'fetch' sends through fetch; the option wins over the environment", async () => {
    const srv = await serve((_, res) => sendJson(res, REPORT));
    await info(client(srv.url, { transport: 'fetch' }));
    await info(client(srv.url, { transport: 'auto' }));
    expect(srv.seen.map(viaFetch)).toEqual([true, false]);
  });


  it("is 'auto' or 'fetch'; anything else is a TypeError naming it", () => {
    expect(() => client('http://127.0.0.1:9', { transport: 'undici' as never })).toThrow(/option "transport"/);
    expect(() => client('http://127.0.0.1:9', { transport: 'fetch' })).not.toThrow();
  });

  it('an injected fetch gets every request, whatever the transport', async () => {
    const srv = await serve((_, res) => sendJson(res, REPORT));
    const urls: string[] = [];
    const ozon = client(srv.url, {
      fetch: (req: Request) => {
        urls.push(req.url);
        return fetch(req);
      },
    });
    expect(await unwrap(info(ozon))).toEqual(REPORT);
    expect(urls).toEqual([`${srv.url}/v1/report/info`]);
  });
});
