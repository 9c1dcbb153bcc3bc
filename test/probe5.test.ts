import { afterEach, describe, it } from 'vitest';
import { createOzonClient, unwrap, type OzonClientOptions } from '../src/index.js';
import { KEY } from './helpers.js';
import { sendJson, startServer, type Handler, type TestServer } from './server.js';

const servers: TestServer[] = [];
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())); });
async function serve(h: Handler) { const s = await startServer(h); servers.push(s); return s; }
const client = (baseUrl: string, transport: 'auto' | 'fetch', options: Partial<OzonClientOptions> = {}) =>
  createOzonClient({ clientId: '1', apiKey: KEY, baseUrl, retry: false, transport, ...options } as OzonClientOptions);
const info = (o: any, init: object = {}) => o.POST('/v1/report/info', { body: { code: 'R1' }, ...init });
const errStr = (e: any) => `${e?.name}: ${e?.message} | status=${e?.status} attempts=${e?.attempts} cause=${JSON.stringify(e?.cause)}`;
const echo: Handler = (req, res) => sendJson(res, { u: req.url, m: req.method, b: req.body, ct: req.headers['content-type'], cl: req.headers['content-length'] });
const cases: Record<string, (t: 'auto' | 'fetch') => Promise<any>> = {
  mwChange: async (t) => { const s = await serve(echo); const o = client(s.url, t); o.use({ onRequest: ({ request }: any) => new Request(request.url.replace('report/info', 'report/other') + '?q=1', { method: 'POST', headers: request.headers, body: JSON.stringify({ changed: 'да' }) }) }); return (await info(o)).data; },
  mwText: async (t) => { const s = await serve(echo); const o = client(s.url, t); o.use({ onRequest: ({ request }: any) => { const h = new Headers(request.headers); h.delete('content-type'); return new Request(request.url, { method: 'POST', headers: h, body: 'plain' }); } }); return (await info(o)).data; },
  mwRespNoOnResponse: async (t) => { const s = await serve(echo); const o = client(s.url, t); const seen: string[] = []; o.use({ onRequest: () => new Response('{"result":1}', { status: 200 }), onResponse: () => { seen.push('onResponse'); } }); const r = await info(o); return [r.data, seen, s.seen.length]; },
  mwTimeoutRecover: async (t) => { const s = await serve(() => {}); const o = client(s.url, t, { timeoutMs: 50 }); o.use({ onError: ({ error }: any) => new Response(JSON.stringify({ result: error.name }), { status: 200 }) }); return (await info(o)).data; },
  mwAbortOnError: async (t) => { const s = await serve(() => {}); const o = client(s.url, t); const seen: any[] = []; o.use({ onError: ({ error }: any) => { seen.push(error.name); } }); const c = new AbortController(); setTimeout(() => c.abort(), 50); try { await info(o, { signal: c.signal }); } catch (e) { return [errStr(e), seen]; } },
  mwRetry: async (t) => { const s = await serve((req, res, n) => n < 3 ? sendJson(res, {}, 503) : echo(req, res, n)); const o = client(s.url, t, { retry: { retries: 3, baseDelayMs: 1 } }); o.use({ onRequest: ({ request }: any) => new Request(request, { headers: { ...Object.fromEntries(request.headers), 'x-n': '1' } }) }); return [(await info(o)).data, s.seen.length]; },
  mwHead: async (t) => { const s = await serve((req, res) => res.writeHead(200, { 'content-length': '5' }).end(req.method === 'HEAD' ? undefined : 'hello')); const o = client(s.url, t); o.use({ onRequest: ({ request }: any) => new Request(request.url, { method: 'HEAD', headers: request.headers }) }); try { const r = await info(o); return [r.data, r.error]; } catch (e) { return errStr(e); } },
  formRetry: async (t) => { const s = await serve((req, res, n) => n < 2 ? sendJson(res, {}, 503) : sendJson(res, { ct: req.headers['content-type'], len: req.headers['content-length'], ok: String(req.body).includes('Декларация') })); const o = client(s.url, t, { retry: { retries: 3, baseDelayMs: 1 } }); const f = new FormData(); f.append('name', 'Декларация'); return [(await o.withOptions({ idempotent: true }).POST('/v1/product/certificate/create' as any, { body: f } as any)).data, s.seen.length]; },
  baseUrlCall: async (t) => { const s = await serve(echo); const o = client('http://127.0.0.1:9', t); return (await o.POST('/v1/report/info', { baseUrl: s.url + '/pfx/', body: { code: 'x' } } as any)).data; },
  baseUrlBad: async (t) => { const o = client('http://127.0.0.1:9', t); try { await o.POST('/v1/report/info', { baseUrl: 'http://example.com', body: { code: 'x' } } as any); } catch (e) { return errStr(e); } },
  unwrap204: async (t) => { const s = await serve((_, res) => res.writeHead(204).end()); return [await unwrap(info(client(s.url, t)))]; },
  unwrapHtml: async (t) => { const s = await serve((_, res) => res.writeHead(502, { 'content-type': 'text/html', 'trace-id': 't1' }).end('<h1>Bad gateway</h1>')); try { await unwrap(info(client(s.url, t))); } catch (e: any) { return [errStr(e), e.snippet, e.traceId, e.headers['content-type']]; } },
};
describe('probe5', () => {
  for (const [name, run] of Object.entries(cases)) it(name, async () => {
    const out: any = {};
    for (const t of ['auto', 'fetch'] as const) { try { out[t] = await run(t); } catch (e) { out[t] = 'OUTER ' + errStr(e); } }
    console.log(name, JSON.stringify(out));
  });
});
