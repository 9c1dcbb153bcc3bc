#!/usr/bin/env node
// Benchmark (not a test): iterates 100k items (--items N) through `paginate` from a local
// node:http server that generates each page on the fly, and prints the time and the JS heap after
// GC at every 100k items (what paginate holds on to), and RSS. The server runs in a child
// process, so the memory numbers are the client's alone.
// Run: npm run bench  (builds dist/ first). Options: --items N --page N
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TOTAL = arg('items', 100_000);
const PAGE = arg('page', 500);

/** /v1/returns/list, last_id style: the next position is the id of the last return of a page. */
function page(lastId, limit) {
  const start = lastId ? lastId : 0;
  const end = Math.min(TOTAL, start + limit);
  const returns = [];
  for (let id = start + 1; id <= end; id++) {
    returns.push({
      id,
      company_id: 836,
      return_reason_name: 'Did not fit',
      type: 'FullReturn',
      schema: 'Fbs',
      order_id: 1_000_000 + id,
      order_number: `${id}-0001`,
      posting_number: `${id}-0001-1`,
      product: { sku: 100_000 + id, offer_id: `OFFER-${id}`, name: `Product number ${id}`, quantity: 1, price: { currency_code: 'RUB', price: 499.5 } },
      visual: { status: { id: 3, display_name: 'Returned', sys_name: 'ReturnedToSeller' }, change_moment: '2026-01-01T10:00:00Z' },
    });
  }
  return { returns, has_next: end < TOTAL };
}

if (process.argv.includes('--serve')) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const text = JSON.stringify(page(body.last_id, body.limit));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
} else {
  await bench();
}

async function bench() {
const entry = join(root, 'dist/src/index.js');
if (!existsSync(entry)) {
  console.error('dist/ is missing: run `npm run build` first (or `npm run bench`)');
  process.exit(1);
}
const { createOzonClient, paginate } = await import(entry);
const child = fork(fileURLToPath(import.meta.url), ['--serve', '--items', String(TOTAL)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const { port } = await new Promise((resolve) => child.once('message', resolve));

// No account limit: 200 pages would otherwise take at least 4 s at Ozon's 50 requests a second.
const ozon = createOzonClient({ clientId: '1', apiKey: 'bench-key', baseUrl: `http://127.0.0.1:${port}`, maxRequestsPerSecond: false });
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const gc = globalThis.gc ?? (() => undefined);

// Warm up (JIT, sockets), then measure from a collected heap.
for await (const _ of paginate(ozon, '/v1/returns/list', { limit: PAGE }, { maxItems: PAGE * 4 }));
gc();
const before = process.memoryUsage();
let peakRss = before.rss;
const samples = [];
const heapAt = []; // [items, heap growth after gc]
const started = performance.now();
let n = 0;
let checksum = 0;
for await (const ret of paginate(ozon, '/v1/returns/list', { limit: PAGE })) {
  n++;
  checksum += ret.id;
  if (n % PAGE === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (n % 100_000 === 0 && n < TOTAL) {
    gc();
    const m = process.memoryUsage();
    heapAt.push([n, m.heapUsed - before.heapUsed]);
    samples.push(`${n}: rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}, buffers ${mb(m.arrayBuffers)}`);
  }
}
const ms = performance.now() - started;
gc();
const after = process.memoryUsage();
child.disconnect();

if (n !== TOTAL || checksum !== (TOTAL * (TOTAL + 1)) / 2) throw new Error(`expected ${TOTAL} items in order, got ${n}`);
console.log(`paginate: ${n} items in ${TOTAL / PAGE} pages of ${PAGE} in ${(ms / 1000).toFixed(2)} s (${Math.round(n / (ms / 1000))} items/s)`);
console.log(`RSS: ${mb(before.rss)} before, peak ${mb(peakRss)} (+${mb(peakRss - before.rss)}), ${mb(after.rss)} after (+${mb(after.rss - before.rss)})`);
console.log(`heap used: ${mb(before.heapUsed)} before, ${mb(after.heapUsed)} after gc (+${mb(after.heapUsed - before.heapUsed)})${globalThis.gc ? '' : ' (run with --expose-gc for collected numbers)'}`);
heapAt.push([n, after.heapUsed - before.heapUsed]);
if (globalThis.gc) for (const [k, d] of heapAt) console.log(`heap after gc at ${k} items: +${mb(d)}`);
console.log(`samples: ${samples.join('; ')}`);
}
