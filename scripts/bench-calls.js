// Per-call overhead for `npm run bench`: the same call (POST /v3/product/list) made by raw fetch,
// node:http with a keep-alive agent, openapi-fetch alone, our client and the peer SDK, against a
// loopback node:http server in a child process that checks every request (path, method, auth
// headers, body) and answers 400 when one is wrong. Every variant checks the parsed answer, so no
// variant is fast by doing less.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const PEER = 'daytona-ozon-seller-api@2.2.17';
export const PATH = '/v3/product/list';
export const AUTH = { clientId: '836', apiKey: 'bench-key-4f6c1e2a9b7d3c5e' };
/** The request every variant sends, and what the answer echoes back. */
export const BODY = { filter: { visibility: 'ALL' }, last_id: 'WzE0NTk5MzY3Nl0=', limit: 100 };

const serverCode = `
  const expected = ${JSON.stringify({ path: PATH, ...AUTH, body: BODY })};
  const answer = (lastId) => JSON.stringify({ result: { items: [
    { product_id: 214887921, offer_id: 'PH-2045-BLK', has_fbo_stocks: true, has_fbs_stocks: false, archived: false, is_discounted: false, quants: [] },
    { product_id: 214887922, offer_id: 'PH-2045-WHT', has_fbo_stocks: false, has_fbs_stocks: true, archived: false, is_discounted: false, quants: [] },
  ], total: 2, last_id: lastId } });
  const srv = require('node:http').createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let wrong = '';
      if (req.method !== 'POST' || req.url !== expected.path) wrong = 'path ' + req.method + ' ' + req.url;
      else if (req.headers['client-id'] !== expected.clientId || req.headers['api-key'] !== expected.apiKey) wrong = 'auth headers';
      else if (!/^application\\/json/.test(req.headers['content-type'] ?? '')) wrong = 'content-type';
      let body;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { wrong ||= 'body is not JSON'; }
      if (!wrong && JSON.stringify(body) !== JSON.stringify(expected.body)) wrong = 'body ' + JSON.stringify(body);
      const text = wrong ? JSON.stringify({ code: 3, message: 'bench server: wrong ' + wrong }) : answer(body.last_id);
      res.writeHead(wrong ? 400 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    });
  });
  srv.keepAliveTimeout = 60000;
  srv.listen(0, '127.0.0.1', () => process.stdout.write(String(srv.address().port) + '\\n'));`;

/** The checking server in a child process: { url, stop }. */
export async function startServer() {
  const child = spawn(process.execPath, ['-e', serverCode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('exit', (c) => reject(new Error(`bench server exited (${c})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** Throws unless `data` is the answer the server gives to BODY. */
export function checkAnswer(name, data) {
  const r = data?.result;
  if (r?.items?.length !== 2 || r.items[0].offer_id !== 'PH-2045-BLK' || r.total !== 2 || r.last_id !== BODY.last_id) {
    throw new Error(`${name}: unexpected answer ${JSON.stringify(data).slice(0, 200)}`);
  }
  return data;
}

let peerDir;
/**
 * Installs the peer SDK into a temporary folder (never a dependency of this project) once per
 * run; returns its folder (with node_modules/), removed when the process exits. Set
 * OZON_BENCH_PEER_DIR to a folder where it is already installed to skip the install.
 */
export function installPeer() {
  if (peerDir) return peerDir;
  if (process.env.OZON_BENCH_PEER_DIR) return (peerDir = process.env.OZON_BENCH_PEER_DIR);
  const dir = mkdtempSync(join(tmpdir(), 'ozon-bench-peer-'));
  const res = spawnSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', PEER], { encoding: 'utf8', timeout: 300_000 });
  if (res.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not install ${PEER}: ${(res.stderr || res.error?.message || '').trim().split('\n').slice(-2).join(' ')}`);
  }
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return (peerDir = dir);
}

/** The peer SDK's client class, from its temporary install. */
async function loadPeer() {
  const entry = join(installPeer(), 'node_modules/daytona-ozon-seller-api/dist/index.js');
  return (await import(pathToFileURL(entry).href)).OzonSellerApiClient;
}

/**
 * The variants, each a function making one checked call: raw fetch, node:http keep-alive,
 * openapi-fetch alone, ours (`createOzonClient` from `clientModule`: the default client, and one with `transport: 'fetch'`) and the peer (undefined when
 * it could not be installed; `peerError` says why).
 */
export async function variants(url, clientModule) {
  const { createOzonClient, DEFAULT_USER_AGENT } = clientModule;
  const { default: createClient } = await import('openapi-fetch');
  const headers = { 'content-type': 'application/json', 'Client-Id': AUTH.clientId, 'Api-Key': AUTH.apiKey, 'User-Agent': DEFAULT_USER_AGENT };
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(PATH, url);
  const bare = createClient({ baseUrl: url, headers: { 'Client-Id': AUTH.clientId, 'Api-Key': AUTH.apiKey, 'User-Agent': DEFAULT_USER_AGENT } });
  // The account limit (50 a second by default) is raised so the row measures the layer, limiter included, not Ozon's budget.
  // `ours` is the default client (node:http on Node); `oursFetch` the same over the global fetch.
  const ozon = createOzonClient({ ...AUTH, baseUrl: url, maxRequestsPerSecond: 1_000_000 });
  const ozonFetch = createOzonClient({ ...AUTH, baseUrl: url, maxRequestsPerSecond: 1_000_000, transport: 'fetch' });
  const out = {
    raw: async () => {
      const res = await fetch(target.href, { method: 'POST', headers, body: JSON.stringify(BODY) });
      if (!res.ok) throw new Error(`raw fetch: ${res.status} ${await res.text()}`);
      return checkAnswer('raw fetch', await res.json());
    },
    http: () =>
      new Promise((resolve, reject) => {
        const req = httpRequest(target, { method: 'POST', headers, agent }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            try {
              if (res.statusCode !== 200) throw new Error(`node:http: ${res.statusCode}`);
              resolve(checkAnswer('node:http', JSON.parse(Buffer.concat(chunks).toString('utf8'))));
            } catch (e) {
              reject(e);
            }
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(JSON.stringify(BODY));
      }),
    bare: async () => {
      const { data, error } = await bare.POST(PATH, { body: BODY });
      if (error) throw new Error(`openapi-fetch: ${JSON.stringify(error)}`);
      return checkAnswer('openapi-fetch', data);
    },
    ours: async () => {
      const { data, error } = await ozon.POST(PATH, { body: BODY });
      if (error) throw new Error(`ours: ${JSON.stringify(error)}`);
      return checkAnswer('ours', data);
    },
    oursFetch: async () => {
      const { data, error } = await ozonFetch.POST(PATH, { body: BODY });
      if (error) throw new Error(`ours (fetch): ${JSON.stringify(error)}`);
      return checkAnswer('ours (fetch)', data);
    },
  };
  let peerError;
  try {
    const Peer = await loadPeer();
    const peer = new Peer({ ...AUTH, baseUrl: url });
    out.peer = async () => checkAnswer('peer', await peer.product.getList(structuredClone(BODY)));
  } catch (e) {
    peerError = e instanceof Error ? e.message : String(e);
  }
  return { variants: out, peerError };
}

/** Runs `calls` calls of `fn` with `concurrency` workers; returns the elapsed nanoseconds. */
async function timed(fn, calls, concurrency) {
  let left = calls;
  const worker = async () => {
    while (left-- > 0) await fn();
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return Number(process.hrtime.bigint() - t0);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * One run: after a warm-up, `rounds` rounds of `round` calls of each variant, the order rotating
 * every round. Returns, per variant, the median over rounds of its time per call divided by raw
 * fetch's in the same round, and its median µs per call.
 */
export async function compareRun(vs, { rounds, round, concurrency }) {
  const names = Object.keys(vs);
  for (const n of names) await timed(vs[n], Math.min(300, round), concurrency);
  const per = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < rounds; i++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(i + j) % names.length];
      per[n].push(await timed(vs[n], round, concurrency) / round / 1000);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { ratio: median(per[n].map((t, i) => t / per.raw[i])), us: median(per[n]) }]));
}
