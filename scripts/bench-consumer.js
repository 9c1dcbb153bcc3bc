// Consumer type-check for `npm run bench`: three projects in a temporary folder with the same
// tsconfig (strict, nodenext, skipLibCheck, lib DOM, @types/node): an empty one, one calling 20
// operations through this package (built, linked as 'ozon-seller-api'), and one calling the same
// 20 operations through the peer SDK. The request bodies are the spec's own examples.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './lib.js';

/** [peer SDK method, path]: 20 common operations, all POST, in both clients. */
export const CONSUMER_OPERATIONS = [
  ['product.getList', '/v3/product/list'],
  ['product.getProductInfoListV3', '/v3/product/info/list'],
  ['product.getAttributes', '/v4/product/info/attributes'],
  ['product.importProducts', '/v3/product/import'],
  ['product.getImportInfo', '/v1/product/import/info'],
  ['pricesStocks.updatePrices', '/v1/product/import/prices'],
  ['pricesStocks.updateStocks', '/v2/products/stocks'],
  ['pricesStocks.getStocks', '/v4/product/info/stocks'],
  ['pricesStocks.getPrices', '/v5/product/info/prices'],
  ['fbs.getPostingV3', '/v3/posting/fbs/get'],
  ['fbsRfbsMarks.shipPostingV4', '/v4/posting/fbs/ship'],
  ['fbs.cancelPosting', '/v2/posting/fbs/cancel'],
  ['fbo.getPosting', '/v2/posting/fbo/get'],
  ['category.getCategoryTree', '/v1/description-category/tree'],
  ['category.getCategoryAttributes', '/v1/description-category/attribute'],
  ['chat.getChatListV3', '/v3/chat/list'],
  ['chat.sendMessage', '/v1/chat/send/message'],
  ['report.getReportInfo', '/v1/report/info'],
  ['report.getReportList', '/v1/report/list'],
  ['premium.getAnalyticsData', '/v1/analytics/data'],
];

/**
 * Runs `tsc -p dir` under /usr/bin/time -v; returns wall seconds, CPU seconds (user + system, all
 * threads: on a shared machine the work done, where the wall time also counts waiting for a
 * CPU), peak RSS in MB and the error count.
 */
export function timedTsc(dir) {
  const res = spawnSync('/usr/bin/time', ['-v', process.execPath, join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  const wall = res.stderr.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
  const rss = res.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const user = res.stderr.match(/User time \(seconds\): ([\d.]+)/);
  const sys = res.stderr.match(/System time \(seconds\): ([\d.]+)/);
  if (!wall || !rss || !user || !sys) throw new Error(`could not read /usr/bin/time -v output: ${res.stderr.slice(0, 300)}`);
  const errors = (res.stdout.match(/error TS\d+/g) ?? []).length;
  const s = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { s, cpu: Number(user[1]) + Number(sys[1]), mb: Number(rss[1]) / 1024, errors, output: res.stdout };
}

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', lib: ['ES2023', 'DOM', 'DOM.Iterable'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
  include: ['*.ts'],
});

/**
 * Builds dist/ and writes the projects; `peerDir` is the peer's temporary install (or undefined).
 * Returns { dir, projects: { empty, ours, peer? } } (folders to run tsc on).
 */
export function consumerProjects(peerDir) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.js')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  const spec = JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'ozon-consumer-'));
  const nm = join(dir, 'node_modules');
  mkdirSync(join(nm, '@types'), { recursive: true });
  symlinkSync(root, join(nm, 'ozon-seller-api'));
  for (const dep of ['openapi-fetch', 'openapi-typescript-helpers', 'undici-types']) symlinkSync(join(root, 'node_modules', dep), join(nm, dep));
  symlinkSync(join(root, 'node_modules/@types/node'), join(nm, '@types/node'));
  if (peerDir) symlinkSync(join(peerDir, 'node_modules/daytona-ozon-seller-api'), join(nm, 'daytona-ozon-seller-api'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  const project = (name, code) => {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'tsconfig.json'), TSCONFIG);
    writeFileSync(join(dir, name, 'main.ts'), code);
    return join(dir, name);
  };
  const example = (path) => JSON.stringify(spec.paths[path].post.requestBody.content['application/json'].example);
  const ours = [
    "import { createOzonClient } from 'ozon-seller-api';",
    "const ozon = createOzonClient({ clientId: '836', apiKey: process.env.OZON_API_KEY ?? '' });",
    'export async function main(): Promise<unknown[]> {',
    '  const out: unknown[] = [];',
    ...CONSUMER_OPERATIONS.map(([, path], i) => `  const r${i} = await ozon.POST('${path}', { body: ${example(path)} });\n  out.push(r${i}.data, r${i}.error);`),
    '  return out;',
    '}',
  ].join('\n');
  const peer = [
    "import { OzonSellerApiClient } from 'daytona-ozon-seller-api';",
    '// The peer brands its ids: the config is cast, the bodies are checked as written.',
    "const api = new OzonSellerApiClient({ clientId: '836', apiKey: process.env.OZON_API_KEY ?? '' } as never);",
    'export async function main(): Promise<unknown[]> {',
    '  const out: unknown[] = [];',
    ...CONSUMER_OPERATIONS.map(([method, path]) => `  out.push(await api.${method}(${example(path)}));`),
    '  return out;',
    '}',
  ].join('\n');
  const projects = { empty: project('empty', 'export const x: number = 1;\n'), ours: project('ours', `${ours}\n`) };
  if (peerDir) projects.peer = project('peer', `${peer}\n`);
  return { dir, projects, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
