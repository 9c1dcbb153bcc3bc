#!/usr/bin/env node
// npm run bench: the figures of the README's benchmark table, measured once on this machine, and
// printed as a Markdown table. Benchmarks, not tests: a number never fails the run.
//
// Each row is one function in ROWS below, returning { result, met, note }. To add a figure, write
// one more `row(figure, target, command, async () => ({ ... }))`.
//   npm run bench                 all rows
//   npm run bench -- overhead     only the rows whose figure contains the word
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { root } from './lib.js';

const ROWS = [];
/** Registers a row: `measure()` resolves to { result: string, met?: boolean, note?: string }. */
function row(figure, target, command, measure) {
  ROWS.push({ figure, target, command, measure });
}

// --- per-call overhead -----------------------------------------------------------------------

/** A loopback node:http server in a child process, answering every POST with a small JSON body. */
async function startServer() {
  const code = `
    const body = JSON.stringify({ result: { code: 'R1', status: 'success', file: 'https://cdn.example/r.csv' } });
    const srv = require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body));
    });
    srv.keepAliveTimeout = 60000;
    srv.listen(0, '127.0.0.1', () => process.stdout.write(String(srv.address().port) + '\\n'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('exit', (c) => reject(new Error(`bench server exited (${c})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** src/index.ts bundled by esbuild (openapi-fetch included), for `platform`; returns the code. */
async function bundleClient({ platform, minify }) {
  const res = await build({
    entryPoints: [join(root, 'src/index.ts')],
    bundle: true,
    format: 'esm',
    platform,
    target: platform === 'node' ? 'node20' : 'es2022',
    minify,
    write: false,
    logLevel: 'silent',
  });
  return res.outputFiles[0].text;
}

async function loadClient() {
  const dir = mkdtempSync(join(tmpdir(), 'ozon-bench-'));
  try {
    const file = join(dir, 'client.mjs');
    writeFileSync(file, await bundleClient({ platform: 'node', minify: false }));
    return await import(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

/**
 * Interleaved timing of several variants: `calls` calls of each, in rounds of `round` calls, the
 * order rotating every round, after a warm-up. Returns µs per call for each variant.
 */
async function compare(variants, calls, concurrency, round = 500) {
  const names = Object.keys(variants);
  const ns = Object.fromEntries(names.map((n) => [n, 0]));
  for (const n of names) await timed(variants[n], 1000, concurrency);
  for (let i = 0; i < calls / round; i++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(i + j) % names.length];
      ns[n] += await timed(variants[n], round, concurrency);
    }
  }
  return Object.fromEntries(names.map((n) => [n, ns[n] / calls / 1000]));
}

let overhead;
async function measureOverhead() {
  if (overhead) return overhead;
  const { createOzonClient, DEFAULT_USER_AGENT } = await loadClient();
  const { default: createClient } = await import('openapi-fetch');
  const server = await startServer();
  try {
    const body = { code: 'R1' };
    // The account limit (50 a second by default) is raised so the row measures the layer, limiter included, not Ozon's budget.
    const ozon = createOzonClient({ clientId: '836', apiKey: 'bench-key', baseUrl: server.url, maxRequestsPerSecond: 1_000_000 });
    const bare = createClient({ baseUrl: server.url, headers: { 'Client-Id': '836', 'Api-Key': 'bench-key', 'User-Agent': DEFAULT_USER_AGENT } });
    const headers = { 'content-type': 'application/json', 'Client-Id': '836', 'Api-Key': 'bench-key', 'User-Agent': DEFAULT_USER_AGENT };
    const call = (c) => async () => {
      const { data, error } = await c.POST('/v1/report/info', { body });
      if (error || !data) throw new Error('client call failed');
      return data;
    };
    const variants = {
      raw: async () => {
        const res = await fetch(`${server.url}/v1/report/info`, { method: 'POST', headers, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`raw fetch: ${res.status}`);
        return res.json();
      },
      bare: call(bare),
      client: call(ozon),
    };
    overhead = { sequential: await compare(variants, 20_000, 1), concurrent: await compare(variants, 20_000, 16) };
    return overhead;
  } finally {
    server.stop();
  }
}

const us = (n) => `${n.toFixed(0)} µs`;
const overheadRow = (figure, key, how) =>
  row(figure, '≤ 1.15×', 'npm run bench -- overhead', async () => {
    const m = (await measureOverhead())[key];
    const ratio = m.client / m.raw;
    return {
      result: `${ratio.toFixed(2)}× (${us(m.client)} vs ${us(m.raw)} per call)`,
      met: ratio <= 1.15,
      note: `${how}; openapi-fetch alone, no middleware: ${(m.bare / m.raw).toFixed(2)}×`,
    };
  });
overheadRow('per-call overhead, sequential', 'sequential', '20k calls of each, one at a time, interleaved in rounds of 500');
overheadRow('per-call overhead, 16 concurrent', 'concurrent', '20k calls of each, 16 in flight, interleaved in rounds of 500');

// --- big-id parse --------------------------------------------------------------------------------

/** A /v3/chat/history page of `n` messages whose ids (about 3e18) are bare JSON numbers, as Ozon may send them. */
function chatPage(n) {
  const messages = Array.from({ length: n }, (_, i) => ({
    message_id: `@${3000000000817031942n + BigInt(i)}@`,
    created_at: '2026-03-01T12:00:00Z',
    data: [`Message ${i}: is the PH-2045-BLK case in stock? Order 0112345678-0001-1.`],
    is_image: false,
    is_read: i % 2 === 0,
    moderate_image_status: 'SUCCESS',
    context: { order_number: '0112345678-0001', sku: '1587240913' },
    user: { id: '115568', type: 'customer' },
  }));
  return JSON.stringify({ has_next: true, messages }).replace(/"@(\d+)@"/g, '$1');
}

/**
 * µs per call of JSON.parse and of `ours` on `text`, and the median of their per-round ratios:
 * each round times both back to back (order alternating), so load that comes and goes on a shared
 * machine hits both alike.
 */
function timeParsers(ours, text, rounds = 200, per = 5) {
  const fns = { json: (t) => JSON.parse(t), ours };
  for (const f of Object.values(fns)) for (let i = 0; i < 50; i++) f(text);
  const total = { json: 0, ours: 0 };
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const one = {};
    for (const n of r % 2 ? ['json', 'ours'] : ['ours', 'json']) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < per; i++) fns[n](text);
      one[n] = Number(process.hrtime.bigint() - t0);
      total[n] += one[n];
    }
    ratios.push(one.ours / one.json);
  }
  ratios.sort((x, y) => x - y);
  return { json: total.json / (rounds * per) / 1000, ours: total.ours / (rounds * per) / 1000, ratio: ratios[Math.floor(rounds / 2)] };
}

row('big-id parse, 500-item page', '≤ 1.10×', 'npm run bench -- parse', async () => {
  const { parseJson } = await loadClient();
  const big = chatPage(500);
  const plain = big.replace(/"message_id":(\d+)/g, (_, d) => `"message_id":${Number(d.slice(-9))}`);
  const m = timeParsers((t) => parseJson(t), big);
  const p = timeParsers((t) => parseJson(t), plain);
  return {
    result: `${p.ratio.toFixed(2)}× without big ids (${p.ours.toFixed(0)} vs ${p.json.toFixed(0)} µs); ${m.ratio.toFixed(2)}× with 500 (${m.ours.toFixed(0)} vs ${m.json.toFixed(0)} µs)`,
    met: m.ratio <= 1.1 && p.ratio <= 1.1,
    note: `parseJson (integers beyond 2^53 kept as strings) vs JSON.parse (which rounds them) on a /v3/chat/history page of 500 messages, ${(big.length / 1024).toFixed(0)} KB: once with small ids (no run of 16 digits: straight to JSON.parse), once with bare 19-digit ids (quoted first, then JSON.parse); 1000 parses each; the ratio is the median of 200 rounds that time both back to back`,
  };
});

// --- consumer type-check ------------------------------------------------------------------------

/** Runs `tsc -p dir` under /usr/bin/time -v; returns wall seconds and peak RSS in MB. */
function timedTsc(dir) {
  const res = spawnSync('/usr/bin/time', ['-v', process.execPath, join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`tsc -p ${dir} failed: ${(res.stdout + res.stderr).trim().split('\n').slice(0, 3).join(' ')}`);
  const wall = res.stderr.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
  const rss = res.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/);
  if (!wall || !rss) throw new Error('could not read /usr/bin/time -v output');
  return { s: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]), mb: Number(rss[1]) / 1024 };
}

/**
 * A consumer project in a temp folder: the examples/ files importing 'ozon-seller-api' (this
 * repo's built package, linked), with a tsconfig as a user would have it (strict, nodenext,
 * skipLibCheck). Also an empty project with the same tsconfig, for the fixed cost of tsc itself.
 */
function consumerProjects() {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.js')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'ozon-consumer-'));
  const nm = join(dir, 'node_modules');
  mkdirSync(join(nm, '@types'), { recursive: true });
  symlinkSync(root, join(nm, 'ozon-seller-api'));
  for (const dep of ['openapi-fetch', 'openapi-typescript-helpers', '@types/node', 'undici-types']) symlinkSync(join(root, 'node_modules', dep), join(nm, dep));
  const tsconfig = (include) => JSON.stringify({
    compilerOptions: { target: 'ES2022', lib: ['ES2023', 'DOM', 'DOM.Iterable'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
    include,
  });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  mkdirSync(join(dir, 'app'));
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'app/tsconfig.json'), tsconfig(['*.ts']));
  writeFileSync(join(dir, 'empty/tsconfig.json'), tsconfig(['*.ts']));
  writeFileSync(join(dir, 'empty/a.ts'), 'export const x: number = 1;\n');
  const files = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts'));
  for (const f of files) {
    writeFileSync(join(dir, 'app', f), readFileSync(join(root, 'examples', f), 'utf8').replaceAll("'../src/index.js'", "'ozon-seller-api'"));
  }
  return { dir, files: files.length };
}

row('consumer type-check (examples/)', '≤ 2.5 s, ≤ 250 MB', 'npm run bench -- type-check', async () => {
  const { dir, files } = consumerProjects();
  try {
    const app = timedTsc(join(dir, 'app'));
    const empty = timedTsc(join(dir, 'empty'));
    return {
      result: `${app.s.toFixed(2)} s, ${app.mb.toFixed(0)} MB`,
      met: app.s <= 2.5 && app.mb <= 250,
      note: `tsc on the ${files} examples/ files as a consumer of the built package (strict, nodenext, skipLibCheck), /usr/bin/time -v; an empty project with the same tsconfig (lib DOM + @types/node): ${empty.s.toFixed(2)} s, ${empty.mb.toFixed(0)} MB`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// --- runtime JS size ----------------------------------------------------------------------------

/** Gzipped size in bytes of `contents` (an entry module in the repo root) for the browser. */
async function gzippedBrowserBundle(contents) {
  const res = await build({ stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, write: false, logLevel: 'silent' });
  const code = res.outputFiles[0].text;
  return { min: code.length, gz: gzipSync(code, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
row('runtime JS size', '≤ 8 KB', 'npm run bench -- size', async () => {
  const all = await gzippedBrowserBundle("export * from './src/index.ts';");
  const table = await gzippedBrowserBundle("export { operations } from './generated/operations.ts';");
  const fetchOnly = await gzippedBrowserBundle("export { default } from 'openapi-fetch';");
  return {
    result: `${kb(all.gz)} gzipped (${kb(all.min)} minified)`,
    met: all.gz <= 8 * 1024,
    note: `src/index.ts, esbuild --bundle --minify --platform=browser, gzip -9; alone, openapi-fetch is ${kb(fetchOnly.gz)} and the generated operations table ${kb(table.gz)}`,
  };
});

// --- codegen ------------------------------------------------------------------------------------

row('codegen', '≤ 5 s', 'npm run bench -- codegen', async () => {
  const t0 = process.hrtime.bigint();
  const res = spawnSync('npm', ['run', '--silent', 'generate'], { cwd: root, encoding: 'utf8' });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) return { result: 'failed', note: res.stderr.trim().split('\n').slice(-3).join(' ') };
  return { result: `${s.toFixed(2)} s`, met: s <= 5, note: '`npm run generate` wall time: lint ‖ (bundle, then types and tables)' };
});

// --- pagination memory --------------------------------------------------------------------------

row('pagination memory', 'RSS growth ≤ 20 MB', 'npm run bench -- pagination', async () => {
  const res = spawnSync(process.execPath, ['--expose-gc', join(root, 'scripts/bench-paginate.js')], { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`bench-paginate failed: ${res.stderr.trim()}`);
  const time = res.stdout.match(/in ([\d.]+) s \((\d+) items\/s\)/);
  const rss = res.stdout.match(/peak [\d.]+ MB \(\+([\d.]+) MB\)/);
  const heap = res.stdout.match(/after gc \(\+([\d.-]+) MB\)/);
  if (!time || !rss || !heap) throw new Error(`unexpected bench-paginate output: ${res.stdout}`);
  return {
    result: `RSS +${rss[1]} MB peak; heap +${heap[1]} MB after GC; ${time[1]} s`,
    met: Number(rss[1]) <= 20,
    note: `100k items (200 pages of 500) of /v1/returns/list from a node:http server in a child process that generates pages; ${time[2]} items/s; \`node --expose-gc scripts/bench-paginate.js\``,
  };
});

// --- the table ----------------------------------------------------------------------------------

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const rows = ROWS.filter((r) => !only.length || only.some((w) => r.figure.includes(w) || r.command.includes(w)));
const lines = ['| figure | result | target | met | how | command |', '|---|---|---|---|---|---|'];
for (const r of rows) {
  process.stderr.write(`measuring ${r.figure}...\n`);
  let out;
  try {
    out = await r.measure();
  } catch (e) {
    out = { result: 'error', note: e instanceof Error ? e.message : String(e) };
  }
  const met = out.met === undefined ? '–' : out.met ? 'yes' : '**no**';
  lines.push(`| ${r.figure} | ${out.result} | ${r.target} | ${met} | ${out.note ?? ''} | \`${r.command}\` |`);
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const load = loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`Measured ${new Date().toISOString().slice(0, 10)} on ${availableParallelism()} CPU(s) (${cpu}), node ${process.version}, load average ${load} at the end.\n`);
console.log(lines.join('\n'));
