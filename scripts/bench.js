#!/usr/bin/env node
// npm run bench: the figures of the README's benchmark table, measured once on this machine, and
// printed as a Markdown table. Benchmarks, not tests: a number never fails the run.
//
// Each row is one function in ROWS below, returning { result, met, note }. To add a figure, write
// one more `row(figure, target, command, async () => ({ ... }))`.
//   npm run bench                 all rows
//   npm run bench -- overhead     only the rows whose figure contains the word
//   --runs N (default 3), --rounds N (15), --round N (200 calls): repetitions of each figure
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { compareRun, installPeer, median, PATH, startServer, variants } from './bench-calls.js';
import { CONSUMER_OPERATIONS, consumerProjects, timedTsc } from './bench-consumer.js';
import { timedEditorCheck } from './bench-editor.js';
import { root } from './lib.js';
import { loadOperationsModule, templateBody } from './pack-operations.js';

/** The value of `--name value` on the command line. */
const flag = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const ROWS = [];
/** Registers a row: `measure()` resolves to { result: string, met?: boolean, note?: string }. */
function row(figure, target, command, measure) {
  ROWS.push({ figure, target, command, measure });
}

// --- per-call overhead -----------------------------------------------------------------------

/** The condition under which package.json `imports` (`#send`) point at the TypeScript sources. */
const SOURCE = ['ozon-seller-api-source'];

/** src/index.ts (or `entry`) bundled by esbuild (openapi-fetch included), for `platform`; returns the code. */
async function bundleClient({ platform, minify, entry = 'src/index.ts' }) {
  const res = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'esm',
    platform,
    target: platform === 'node' ? 'node20' : 'es2022',
    minify,
    write: false,
    logLevel: 'silent',
    conditions: SOURCE,
  });
  return res.outputFiles[0].text;
}

async function loadClient(entry) {
  const dir = mkdtempSync(join(tmpdir(), 'ozon-bench-'));
  try {
    const file = join(dir, 'client.mjs');
    writeFileSync(file, await bundleClient({ platform: 'node', minify: false, entry }));
    return await import(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const RUNS = Math.max(1, Number(flag('runs') ?? 3));
const ROUNDS = Number(flag('rounds') ?? 15);
const ROUND = Number(flag('round') ?? 200);
const LABELS = { raw: 'raw fetch', http: 'node:http keep-alive', bare: 'openapi-fetch alone', ours: 'ours', oursFetch: "ours with transport: 'fetch'", peer: 'peer SDK' };
/** "1.02 (0.98–1.10)": the median of the runs, and their spread. */
const spread = (xs, digits = 2) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

let overhead;
async function measureOverhead() {
  if (overhead) return overhead;
  const server = await startServer();
  try {
    const { variants: vs, peerError } = await variants(server.url, await loadClient());
    overhead = { peerError, sequential: [], concurrent: [] };
    for (let run = 0; run < RUNS; run++) {
      overhead.sequential.push(await compareRun(vs, { rounds: ROUNDS, round: ROUND, concurrency: 1 }));
      overhead.concurrent.push(await compareRun(vs, { rounds: ROUNDS, round: ROUND, concurrency: 16 }));
    }
    return overhead;
  } finally {
    server.stop();
  }
}

const overheadRow = (figure, key, how) =>
  row(figure, '≤ 1.00× raw fetch, and below the peer SDK', 'npm run bench -- overhead', async () => {
    const o = await measureOverhead();
    const runs = o[key];
    const ratios = (n) => runs.map((r) => r[n].ratio);
    const ours = median(ratios('ours'));
    const peer = runs[0].peer ? median(ratios('peer')) : undefined;
    const others = Object.keys(runs[0])
      .filter((n) => n !== 'ours' && n !== 'raw')
      .map((n) => `${LABELS[n]} ${spread(ratios(n))}×`);
    return {
      result: `${spread(ratios('ours'))}× (${median(runs.map((r) => r.ours.us)).toFixed(0)} µs vs ${median(runs.map((r) => r.raw.us)).toFixed(0)} µs per call)`,
      met: ours <= 1 && (peer === undefined || ours < peer),
      note: `${how}; median over rounds of each variant's time / raw fetch's in the same round, median (min–max) of ${runs.length} runs; ${others.join(', ')}${o.peerError ? `; peer SDK not measured: ${o.peerError}` : ''}`,
    };
  });
const how = (c) => `POST ${PATH} (answer checked: path, auth headers, body), ${ROUNDS} rotated rounds of ${ROUND} calls of each variant, ${c}`;
overheadRow('per-call overhead, sequential', 'sequential', how('one at a time'));
overheadRow('per-call overhead, 16 in flight', 'concurrent', how('16 in flight'));

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
 * µs per call of `plain` and of `ours` on `input`, and the median of their per-round ratios: each
 * round times both back to back (order alternating), so load that comes and goes on a shared
 * machine hits both alike.
 */
function timeParsers(plain, ours, input, rounds = 200, per = 5) {
  const fns = { plain, ours };
  for (const f of Object.values(fns)) for (let i = 0; i < 50; i++) f(input);
  const total = { plain: 0, ours: 0 };
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const one = {};
    for (const n of r % 2 ? ['plain', 'ours'] : ['ours', 'plain']) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < per; i++) fns[n](input);
      one[n] = Number(process.hrtime.bigint() - t0);
      total[n] += one[n];
    }
    ratios.push(one.ours / one.plain);
  }
  ratios.sort((x, y) => x - y);
  return { plain: total.plain / (rounds * per) / 1000, ours: total.ours / (rounds * per) / 1000, ratio: ratios[Math.floor(rounds / 2)] };
}

row('big-id parse, 500-item page', '≤ 1.10×', 'npm run bench -- parse', async () => {
  const { parseJson, parseJsonBytes } = await loadClient('src/json.ts');
  const big = chatPage(500);
  const plain = big.replace(/"message_id":(\d+)/g, (_, d) => `"message_id":${Number(d.slice(-9))}`);
  const bytes = { big: new TextEncoder().encode(big), plain: new TextEncoder().encode(plain) };
  // The answers checked once, outside the timing: exact id strings with big ids, JSON.parse's tree without.
  const exact = (value) => value.messages.length === 500 && value.messages.every((x, i) => x.message_id === String(3000000000817031942n + BigInt(i)));
  if (!exact(parseJson(big)) || !exact(parseJsonBytes(bytes.big))) throw new Error('parseJson: wrong big ids');
  if (!isDeepStrictEqual(parseJsonBytes(bytes.plain), JSON.parse(plain)) || !isDeepStrictEqual(parseJson(plain), JSON.parse(plain))) {
    throw new Error('parseJson: differs from JSON.parse without big ids');
  }
  // The client's path: an answer's bytes to its value, against what response.json() does.
  const decoder = new TextDecoder();
  const fromBytes = (b) => JSON.parse(decoder.decode(b));
  const m = timeParsers(fromBytes, parseJsonBytes, bytes.big);
  const p = timeParsers(fromBytes, parseJsonBytes, bytes.plain);
  // A page five times smaller (32 KB: decoded whole, nothing in large-object space either way).
  const small = new TextEncoder().encode(chatPage(100));
  const s = timeParsers(fromBytes, parseJsonBytes, small, 200, 25);
  // parseJson on a string already in memory, for comparison.
  const t = timeParsers(JSON.parse, parseJson, big);
  const us = (x) => `${x.ours.toFixed(0)} vs ${x.plain.toFixed(0)} µs`;
  return {
    result: `${m.ratio.toFixed(2)}× with 500 big ids (${us(m)}); ${p.ratio.toFixed(2)}× without (${us(p)}); 100-item page with big ids ${s.ratio.toFixed(2)}×; parseJson on a string: ${t.ratio.toFixed(2)}× with big ids (${us(t)})`,
    met: m.ratio <= 1.1 && p.ratio <= 1.1,
    note: `what the client does with each answer's bytes (UTF-8 to value, integers beyond 2^53 kept as strings) vs \`JSON.parse(new TextDecoder().decode(bytes))\` (what response.json() does; it rounds them), on a /v3/chat/history page of 500 messages, ${(big.length / 1024).toFixed(0)} KB, once with bare 19-digit ids and once with small ids; a page this big is decoded and parsed in pieces of its array, each quoted by one regex pass (no string over 128 KB), so it skips the large-object string that decoding it whole makes; a 100-item page (32 KB) is decoded whole and quoted, 5000 parses; the last figure is \`parseJson\` on the text as a string already in memory, which makes one such string when it quotes; every answer checked (500 exact id strings; the same tree as JSON.parse without big ids); 1000 parses each; each ratio is the median of 200 rounds that time both back to back`,
  };
});

// --- consumer type-check ------------------------------------------------------------------------

/** The consumer projects (built once per bench run, removed at exit) and the peer's install error, if any. */
let consumers;
function consumerSetup() {
  if (consumers) return consumers;
  let peerDir;
  let peerError;
  try {
    peerDir = installPeer();
  } catch (e) {
    peerError = e instanceof Error ? e.message : String(e);
  }
  const { projects, cleanup } = consumerProjects(peerDir);
  process.on('exit', cleanup);
  return (consumers = { projects, peerError });
}

/** `measure(dir)` on every project, RUNS times, the order rotated each run; returns { name: [results] }. */
function rotated(projects, measure) {
  const names = Object.keys(projects);
  const t = Object.fromEntries(names.map((n) => [n, []]));
  for (let run = 0; run < RUNS; run++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(run + j) % names.length];
      t[n].push(measure(projects[n]));
    }
  }
  return t;
}

row('consumer type-check, 20 operations', '≤ ×1.3 an empty project', 'npm run bench -- type-check', async () => {
  const { projects, peerError } = consumerSetup();
  const t = rotated(projects, timedTsc);
  const ours = t.ours[0];
  if (ours.errors) throw new Error(`the consumer of ours does not compile: ${ours.output.split('\n').slice(0, 3).join(' ')}`);
  const ratios = (n, k = 's') => t[n].map((r, i) => r[k] / t.empty[i][k]);
  const s = (n, k = 's') => median(t[n].map((r) => r[k]));
  const mb = (n) => median(t[n].map((r) => r.mb));
  const peer = t.peer
    ? `peer SDK ×${spread(ratios('peer'))} (${s('peer').toFixed(2)} s, ${mb('peer').toFixed(0)} MB; CPU ×${spread(ratios('peer', 'cpu'))}; ${t.peer[0].errors} type errors in the peer's consumer, from its branded id types)`
    : `peer SDK not measured: ${peerError}`;
  return {
    result: `×${spread(ratios('ours'))} (${s('ours').toFixed(2)} s, ${mb('ours').toFixed(0)} MB); CPU time ×${spread(ratios('ours', 'cpu'))} (${s('ours', 'cpu').toFixed(2)} s)`,
    met: median(ratios('ours')) <= 1.3,
    note: `tsc on a file calling ${CONSUMER_OPERATIONS.length} operations (their request examples as bodies) through the built package, strict, nodenext, skipLibCheck, /usr/bin/time -v; ratio of wall times (the target) and of CPU times (user + system, which waiting for a CPU on a loaded machine does not inflate) to an empty project with the same tsconfig (${s('empty').toFixed(2)} s, CPU ${s('empty', 'cpu').toFixed(2)} s, ${mb('empty').toFixed(0)} MB) in the same run, median (min–max) of ${RUNS} runs; ${peer}`,
  };
});

row('editor, first check of the 20-operation file', '< 1.5 s', 'npm run bench -- type-check', async () => {
  const { projects, peerError } = consumerSetup();
  const t = rotated(projects, (dir) => timedEditorCheck(dir, 'main.ts'));
  if (t.ours[0].errors) throw new Error(`the language service reports ${t.ours[0].errors} errors in the consumer of ours`);
  const sec = (n, k = 'ms') => median(t[n].map((r) => r[k])) / 1000;
  const fig = (n) => `${sec(n).toFixed(2)} s (CPU ${sec(n, 'cpuMs').toFixed(2)} s; program ${sec(n, 'programMs').toFixed(2)} s, then bind and check ${sec(n, 'checkMs').toFixed(2)} s)`;
  const peer = t.peer ? `peer SDK ${fig('peer')}, ${t.peer[0].errors} errors from its branded id types` : `peer SDK not measured: ${peerError}`;
  return {
    result: `${fig('ours')}; +${(sec('ours') - sec('empty')).toFixed(2)} s over an empty project's ${sec('empty').toFixed(2)} s`,
    met: sec('ours') < 1.5,
    note: `TypeScript's language service (what editors run, JSDoc parsed for hovers) on the same projects as the row above, each in a fresh process: \`createLanguageService\` for the project's tsconfig, then the time to the first \`getSemanticDiagnostics\` of the file (program creation, binding and the file's check; loading TypeScript not counted), median of ${RUNS} runs; ${peer}; \`node scripts/bench-editor.js <project> main.ts\``,
  };
});

// --- bundle size --------------------------------------------------------------------------------

/** Minified and gzipped sizes in bytes of `contents` (an entry module in `dir`) for `platform`. */
async function bundleSize(contents, platform = 'browser', dir = root) {
  const res = await build({ stdin: { contents, resolveDir: dir, loader: 'ts' }, bundle: true, format: 'esm', platform, target: 'es2022', minify: true, write: false, logLevel: 'silent', conditions: SOURCE });
  const code = res.outputFiles[0].text;
  return { min: code.length, gz: gzipSync(code, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/**
 * The same operations in the table format used before the positional packing (one line per
 * operation: method, path, flags, then the other fields as JSON), with its decoder: the "before"
 * of the table's figure, measured from the current spec.
 */
function previousTableModule(operations) {
  const lines = Object.keys(operations)
    .sort()
    .map((key) => {
      const { method, path, idempotent, report, deprecated, ...rest } = operations[key];
      const json = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
      return `${method === 'POST' ? '' : method} ${path} ${idempotent ? 'i' : ''}${report ? 'r' : ''}${deprecated ? 'd' : ''}${json}`;
    });
  return `const PACKED = \`${templateBody(lines.join('\n'))}\`;
function unpack(text) {
  const table = {};
  for (const line of text.split('\\n')) {
    const [, m, path = '', flags = '', json] = /^(\\S*) (\\S+) (\\S*) ?(.*)$/.exec(line) ?? [];
    const method = m || 'POST';
    const info = { method, path };
    if (flags.includes('i')) info.idempotent = true;
    if (flags.includes('r')) info.report = true;
    if (flags.includes('d')) info.deprecated = true;
    table[\`\${method} \${path}\`] = json ? Object.assign(info, JSON.parse(json)) : info;
  }
  return table;
}
export const operations = unpack(PACKED);
`;
}
row('bundle, min+gzip', '≤ 9 KB (browser and node)', 'npm run bench -- bundle', async () => {
  const browser = await bundleSize("export * from './src/index.ts';");
  const node = await bundleSize("export * from './src/index.ts';", 'node');
  const table = await bundleSize("export { operations } from './generated/operations.ts';");
  const fetchOnly = await bundleSize("export { default } from 'openapi-fetch';");
  const push = await bundleSize("export * from './src/push/index.ts';");
  // What a consumer's bundler keeps of the package for one import (package.json: "sideEffects": false).
  const clientOnly = await bundleSize("export { createOzonClient } from './src/index.ts';");
  const errorOnly = await bundleSize("export { OzonApiError } from './src/index.ts';");
  // The same table as a plain JSON literal, for comparison with the packed one.
  const { operations } = loadOperationsModule(readFileSync(join(root, 'generated/operations.ts'), 'utf8'));
  const tableJson = await bundleSize(`export const operations = ${JSON.stringify(operations)};`);
  const tableBefore = await bundleSize(previousTableModule(operations));
  const ops = Object.keys(JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8')).paths).length;
  let peer;
  try {
    const p = await bundleSize("export { OzonSellerApiClient } from 'daytona-ozon-seller-api';", 'browser', installPeer());
    peer = `the peer SDK's client ${kb(p.gz)}`;
  } catch (e) {
    peer = `peer SDK not measured: ${e instanceof Error ? e.message : e}`;
  }
  return {
    result: `${kb(browser.gz)} browser, ${kb(node.gz)} node (${kb(browser.min)} minified)`,
    met: browser.gz <= 9 * 1024 && node.gz <= 9 * 1024,
    note: `src/index.ts with the ${ops}-path spec, esbuild --bundle --minify, gzip -9; alone, openapi-fetch is ${kb(fetchOnly.gz)} and the generated operations table ${kb(table.gz)} (packed, with its decoder; ${kb(tableBefore.gz)} in the previous format of a line per operation with JSON fields, ${kb(tableJson.gz)} as a JSON literal); ${peer}. A consumer that imports only \`createOzonClient\` bundles ${kb(clientOnly.gz)} (no paginate or waiting helpers), only \`OzonApiError\` ${kb(errorOnly.gz)}. Not in it, for information: the push receiver and sender, \`ozon-seller-api/push\`, ${kb(push.gz)} (${kb(push.min)} minified)`,
  };
});

// --- codegen ------------------------------------------------------------------------------------

/** CPU seconds (user + system) of this process's waited-for children, from /proc (Linux), or null. */
function childrenCpu() {
  try {
    // Fields after the command name: state is 3rd, cutime and cstime are the 16th and 17th.
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
    return (Number(fields[13]) + Number(fields[14])) / ticks;
  } catch {
    return null;
  }
}

/** Runs `npm run <script>`: wall seconds, and the CPU seconds of it and every process it started. */
function timedNpm(script) {
  const cpu0 = childrenCpu();
  const t0 = process.hrtime.bigint();
  const res = spawnSync('npm', ['run', '--silent', script], { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`npm run ${script} failed: ${res.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu1 = childrenCpu();
  return { wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

row('codegen', '≤ 10 s; stale check without re-linting an unchanged spec', 'npm run bench -- codegen', async () => {
  const gen = [];
  const check = [];
  for (let run = 0; run < RUNS; run++) {
    gen.push(timedNpm('generate'));
    check.push(timedNpm('generate:check'));
  }
  const ops = Object.keys(JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8')).paths).length;
  const cpu = gen.every((g) => g.cpu !== null) ? `, ${spread(gen.map((g) => g.cpu))} s of CPU` : '';
  return {
    result: `${spread(gen.map((g) => g.wall))} s${cpu}; check ${spread(check.map((c) => c.wall))} s`,
    met: median(gen.map((g) => g.wall)) <= 10,
    note: `\`npm run generate\` wall time (Redocly lint ‖ Redocly bundle, then the examples, types and tables) for the ${ops}-path spec, and the CPU time of all its processes (user + system, which load changes less), then \`npm run generate:check\` on the unchanged spec, median (min–max) of ${RUNS} runs`,
  };
});

// --- pagination memory --------------------------------------------------------------------------

row('pagination memory', 'heap after GC flat: ≤ +2 MB from 100k to 1M items', 'npm run bench -- pagination', async () => {
  const res = spawnSync(process.execPath, ['--expose-gc', join(root, 'scripts/bench-paginate.js'), '--items', '1000000'], { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`bench-paginate failed: ${res.stderr.trim()}`);
  const time = res.stdout.match(/in ([\d.]+) s \((\d+) items\/s\)/);
  const heap = [...res.stdout.matchAll(/heap after gc at (\d+) items: \+([\d.-]+) MB/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const at = (n) => heap.find(([k]) => k === n)?.[1];
  if (!time || at(100_000) === undefined || at(1_000_000) === undefined) throw new Error(`unexpected bench-paginate output: ${res.stdout}`);
  return {
    result: `heap after GC +${at(100_000)} MB at 100k items, +${at(1_000_000)} MB at 1M; ${time[1]} s`,
    met: at(1_000_000) - at(100_000) <= 2,
    note: `1M items (2000 pages of 500) of /v1/returns/list from a node:http server in a child process; ${time[2]} items/s; \`node --expose-gc scripts/bench-paginate.js --items 1000000\`. RSS is not a target: it measures how much freed memory V8 and the allocator keep, not what paginate holds`,
  };
});

// --- the table ----------------------------------------------------------------------------------

const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('-') && !all[i - 1]?.startsWith('--'));
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
// The peer SDK leaves a 30 s timer per call behind: do not wait for them.
process.exit(0);
