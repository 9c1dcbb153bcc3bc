// The package as users get it: `npm pack`, then an install of the tarball into a fresh project
// with no registry at all, then an ESM consumer against the package's own mock command, and a
// type-check of a consumer file under `moduleResolution: nodenext` and `bundler`.
//
// Offline install: the runtime dependencies (openapi-fetch and what it needs) are packed from this
// repo's node_modules into tarballs next to ours, and npm installs all of them at once with
// `--offline`, an empty cache of its own and a registry URL that nothing listens on. Every
// dependency edge of our package is then met by a tarball, so npm never needs the registry, nor a
// cache left by an earlier `npm ci`. Prism is an optional peer dependency (the client does not
// need it at run time); the test links this repo's copy into the project, as a user's own
// `npm install -D @stoplight/prism-cli` would put it there.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/mock.js';
import { withMockCommand } from './mock-process.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

let dir: string;
let app: string;
let files: string[];
let withoutPrism: { code: number; stderr: string };
let publish: { code: number; stderr: string; files: string[] };
let startWithoutPrism: string;

/** The runtime dependency closure of this package, read from the installed packages. */
function runtimeDeps(name: string, seen = new Map<string, string>()): Map<string, string> {
  const meta = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dep of Object.keys(meta.dependencies ?? {})) {
    if (seen.has(dep)) continue;
    seen.set(dep, join(root, 'node_modules', dep));
    runtimeDeps(dep, seen);
  }
  return seen;
}

async function npm(args: string[], cwd: string) {
  return run('npm', args, { cwd, env: NPM_ENV, maxBuffer: 16 * 1024 * 1024 });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ozon-pack-'));
  app = join(dir, 'app');
  mkdirSync(app);
  // `npm pack` runs the prepack script, which builds dist/.
  const { stdout } = await npm(['pack', '--json', '--pack-destination', dir], root);
  const packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  files = packed[0]!.files.map((f) => f.path).sort();
  // `npm publish --dry-run`, offline: a registry URL nothing listens on (with a token for it, so
  // npm has no login to warn about), its own empty cache, and no scripts (the pack above built dist/).
  publish = await npm(
    ['publish', '--dry-run', '--json', '--offline', '--ignore-scripts', '--registry', 'http://127.0.0.1:9/', '--//127.0.0.1:9/:_authToken=dry-run', '--cache', join(dir, 'publish-cache')],
    root,
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stderr, files: (JSON.parse(stdout)[pkg.name].files as { path: string }[]).map((f) => f.path).sort() }),
    (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '', files: [] }),
  );
  const tarballs = [join(dir, packed[0]!.filename)];
  const ownDeps = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies as Record<string, string>;
  const deps = new Map(Object.keys(ownDeps).map((d) => [d, join(root, 'node_modules', d)]));
  for (const d of Object.keys(ownDeps)) runtimeDeps(d, deps);
  for (const path of deps.values()) {
    const out = await npm(['pack', path, '--json', '--ignore-scripts', '--pack-destination', dir], root);
    tarballs.push(join(dir, (JSON.parse(out.stdout.slice(out.stdout.indexOf('['))) as { filename: string }[])[0]!.filename));
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  await npm(['install', '--offline', '--ignore-scripts', '--cache', join(dir, 'npm-cache'), '--registry', 'http://127.0.0.1:9/', ...tarballs], app);
  // Without Prism, the mock command says how to get it.
  withoutPrism = await run(process.execPath, [join(app, 'node_modules/.bin/ozon-seller-mock')], { cwd: app }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '' }),
  );
  // startMock() without Prism rejects with the command's message.
  startWithoutPrism = await run(process.execPath, ['--input-type=module', '-e', "import('ozon-seller-api/mock').then((m) => m.startMock()).catch((e) => { console.log(JSON.stringify({ code: e.code, message: e.message })); })"], { cwd: app }).then(
    ({ stdout }) => stdout,
    (e: { stderr?: string }) => e.stderr ?? '',
  );
  // The user's own Prism, as `npm install -D @stoplight/prism-cli` would put it.
  const prism = dirname(require.resolve('@stoplight/prism-cli/package.json'));
  mkdirSync(join(app, 'node_modules/@stoplight'), { recursive: true });
  symlinkSync(prism, join(app, 'node_modules/@stoplight/prism-cli'), 'dir');
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the built JS, the declarations, the bundled spec and the mock command, and nothing else', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'examples/paginate.ts', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/push/index.js', 'dist/src/push/index.d.ts', 'dist/generated/operations.js', 'dist/generated/schema.d.ts', 'generated/openapi.json', 'bin/ozon-seller-mock.js', 'scripts/mock.js', 'scripts/mock.d.ts', 'bin/ozon-seller-push.js', 'dist/generated/push.js']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|openapi)\/|\.ts$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('examples/'))).toEqual([]);
    // The examples import the package by its name, as a user's code does.
    expect(readFileSync(join(root, 'examples/paginate.ts'), 'utf8')).toContain("from 'ozon-seller-api'");
    const installed = join(app, 'node_modules', pkg.name);
    expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version).toBe(pkg.version);
    expect(existsSync(join(app, 'node_modules/.bin/ozon-seller-mock'))).toBe(true);
  });
});

describe('npm publish --dry-run', () => {
  it('is clean: exit 0, no warning, not private, the same files as the tarball, MIT', () => {
    expect(publish.code, publish.stderr).toBe(0);
    expect(publish.stderr).not.toMatch(/npm (warn|error|ERR)/i);
    expect(publish.files).toEqual(files);
    const meta = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(meta.private).toBeUndefined();
    expect(meta.license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(readFileSync(join(root, 'CHANGELOG.md'), 'utf8')).toContain(`## ${pkg.version} `);
    // The client needs only openapi-fetch; Prism stays a dev dependency and an optional peer.
    expect(Object.keys(meta.dependencies)).toEqual(['openapi-fetch']);
    expect(meta.devDependencies['@stoplight/prism-cli']).toBeDefined();
    expect(meta.peerDependenciesMeta['@stoplight/prism-cli'].optional).toBe(true);
  });

  it('the README installs the client as a normal dependency and Prism as a dev dependency', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/^npm install ozon-seller-api\b/m);
    expect(readme).toMatch(/^npm install --save-dev @stoplight\/prism-cli@5/m);
    expect(readme).not.toMatch(/stays `private`|--save-dev \.\/ozon-seller-api/);
  });
});

describe('the installed package', () => {
  it('`ozon-seller-mock` without Prism installed says how to install it', () => {
    expect(withoutPrism.code).toBe(1);
    expect(withoutPrism.stderr).toContain('npm install --save-dev @stoplight/prism-cli@5');
  });

  it('startMock() without Prism installed rejects with the same message', () => {
    const { code, message } = JSON.parse(startWithoutPrism) as { code: string; message: string };
    expect(code).toBe('OZON_PRISM_MISSING');
    expect(withoutPrism.stderr).toContain(message);
  });

  it('an ESM consumer calls the mock started by `ozon-seller-mock`', async () => {
    const port = await freePort();
    const consumer = join(app, 'consumer.mjs');
    writeFileSync(
      consumer,
      `import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as main from 'ozon-seller-api';
import { createOzonClient, unwrap, OzonApiError, operations, PACKAGE_VERSION } from 'ozon-seller-api';
import { SPEC } from 'ozon-seller-api/mock';
import * as push from 'ozon-seller-api/push';

const spec = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('ozon-seller-api/openapi.json')), 'utf8'));
const ozon = createOzonClient({ clientId: '836', apiKey: 'consumer-key', baseUrl: process.argv[2] });
const page = await unwrap(ozon.POST('/v3/product/list', { body: { filter: { visibility: 'ALL' }, limit: 100 } }));
let error;
try {
  await unwrap(ozon.POST('/v1/report/info', { body: { code: 'missing' }, headers: { Prefer: 'code=404' } }));
} catch (e) {
  error = e instanceof OzonApiError ? { status: e.status, path: e.path } : String(e);
}
console.log(JSON.stringify({
  version: PACKAGE_VERSION,
  paths: Object.keys(spec.paths).length,
  specIsBundled: SPEC === fileURLToPath(import.meta.resolve('ozon-seller-api/openapi.json')),
  paginated: Boolean(operations['POST /v3/product/list']?.pagination),
  items: page.result?.items?.length,
  error,
  // The push receiver and sender have their own entry point; the client's does not carry them.
  pushEntry: typeof push.createPushHandler === 'function' && typeof push.sendPush === 'function',
  pushInMain: Object.keys(main).filter((k) => /push/i.test(k)),
}));
`,
    );
    await withMockCommand(join(app, 'node_modules/.bin/ozon-seller-mock'), ['--port', String(port), '--host', '127.0.0.1'], app, async () => {
      const { stdout } = await run(process.execPath, [consumer, `http://127.0.0.1:${port}`], { cwd: app });
      const out = JSON.parse(stdout);
      expect(out).toMatchObject({ version: pkg.version, specIsBundled: true, paginated: true, error: { status: 404, path: '/v1/report/info' }, pushEntry: true, pushInMain: [] });
      expect(out.paths).toBeGreaterThan(200);
      expect(out.items).toBeGreaterThan(0);
    });
  }, 90_000);

  it('`ozon-seller-push` round trip with a receiver built with createPushHandler, and a wrong one', async () => {
    const port = await freePort();
    writeFileSync(
      join(app, 'receiver.mjs'),
      `import { createServer } from 'node:http';
import { createPushHandler } from 'ozon-seller-api/push';
const push = createPushHandler({ TYPE_NEW_POSTING: (p) => console.log('got', p.posting_number) }, { name: 'shop-sync', version: '1.0.0' });
const wrong = (req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
createServer((req, res) => (req.url === '/wrong' ? wrong(req, res) : push.node(req, res))).listen(${port}, '127.0.0.1', () => console.log('listening'));
`,
    );
    const receiver = spawn(process.execPath, [join(app, 'receiver.mjs')], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    receiver.stdout!.on('data', (d) => (log += d));
    receiver.stderr!.on('data', (d) => (log += d));
    const exited = new Promise((resolve) => receiver.once('exit', resolve));
    const bin = join(app, 'node_modules/.bin/ozon-seller-push');
    const push = (...args: string[]) =>
      run(process.execPath, [bin, ...args], { cwd: app }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code?: number; stdout?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '' }),
      );
    try {
      while (!log.includes('listening')) {
        if (receiver.exitCode !== null) throw new Error(`the receiver did not start:\n${log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = `http://127.0.0.1:${port}/push`;
      const sent = await push(url, 'TYPE_NEW_POSTING', '--posting_number', '0112345678-0001-1');
      expect(sent).toMatchObject({ code: 0, stdout: expect.stringContaining('Ozon would accept this answer.') });
      const ping = await push(url, '--ping');
      expect(ping).toMatchObject({ code: 0, stdout: expect.stringContaining('"name":"shop-sync"') });
      const wrong = await push(`http://127.0.0.1:${port}/wrong`, 'new-posting');
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toContain('INVALID_BODY');
      await new Promise((r) => setTimeout(r, 100));
      expect(log).toContain('got 0112345678-0001-1');
    } finally {
      receiver.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  it('a bundler keeps only what a consumer imports (the package has no side effects)', async () => {
    const { build } = await import('esbuild');
    /** The package's own files a bundle of `code` (in the consumer folder) keeps, by path in the package. */
    const kept = async (code: string) => {
      const res = await build({ stdin: { contents: code, resolveDir: app, loader: 'js' }, bundle: true, format: 'esm', platform: 'browser', minify: true, write: false, metafile: true, logLevel: 'silent' });
      const inputs = Object.keys(Object.values(res.metafile!.outputs)[0]!.inputs);
      return inputs.map((f) => f.replace(/^.*node_modules\//, '')).filter((f) => f.startsWith('ozon-seller-api/') || f.startsWith('openapi-fetch/')).sort();
    };
    const errorOnly = await kept("export { OzonApiError } from 'ozon-seller-api';");
    expect(errorOnly).toContain('ozon-seller-api/dist/src/errors.js');
    expect(errorOnly.filter((f) => /operations\.js$|openapi-fetch|client\.js$|transport\.js$/.test(f))).toEqual([]);
    const client = await kept("export { createOzonClient } from 'ozon-seller-api';");
    expect(client).toEqual(expect.arrayContaining(['ozon-seller-api/dist/src/client.js', 'ozon-seller-api/dist/generated/operations.js', 'openapi-fetch/dist/index.mjs']));
    expect(client.filter((f) => /\/(paginate|poll|reports|async|tasks)\.js$/.test(f))).toEqual([]);
    const pages = await kept("export { createOzonClient, paginate } from 'ozon-seller-api';");
    expect(pages).toContain('ozon-seller-api/dist/src/paginate.js');
  }, 60_000);

  it('type-checks a consumer under moduleResolution nodenext and bundler', async () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      `import { createOzonClient, unwrap, OzonApiError, type components, type OzonClientOptions } from 'ozon-seller-api';
import { startMock } from 'ozon-seller-api/mock';
import { createPushHandler, OZON_PUSH_SOURCES } from 'ozon-seller-api/push';
// @ts-expect-error: the push receiver is not in the client's entry point
import { createPushHandler as notInMain } from 'ozon-seller-api';

const options: OzonClientOptions = { clientId: '836', apiKey: 'key', timeoutMs: 5_000 };
const ozon = createOzonClient(options);

export async function postings(): Promise<number> {
  const mock = await startMock({ port: 4010 });
  const body = { sort_dir: 'ASC' as const, filter: { since: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00Z' }, limit: 100 };
  const page = await unwrap(ozon.POST('/v4/posting/fbs/list', { body }));
  const first: string | undefined = page.postings?.[0]?.posting_number;
  await mock.stop();
  return first?.length ?? 0;
}

export function isApiError(e: unknown): e is OzonApiError {
  return e instanceof OzonApiError;
}

export type Money = components['schemas'] extends Record<string, unknown> ? true : false;

// @ts-expect-error: an unknown path does not compile
void ozon.POST('/v4/posting/fbs/no-such-method', { body: {} });
// @ts-expect-error: a body field of the wrong type does not compile
void ozon.POST('/v1/report/info', { body: { code: 42 } });
// @ts-expect-error: the mock's options are typed too
void startMock({ port: '4010' });

export const push = createPushHandler({ TYPE_STATE_CHANGED: (p) => void p.new_state?.startsWith('posting_') }, { allowedSources: OZON_PUSH_SOURCES });
// @ts-expect-error: a state change carries no products
createPushHandler({ TYPE_STATE_CHANGED: (p) => p.products });
`,
    );
    const base = { strict: true, noEmit: true, target: 'ES2022', lib: ['ES2023', 'DOM'], types: [], skipLibCheck: false };
    const configs = {
      nodenext: { ...base, module: 'NodeNext', moduleResolution: 'NodeNext' },
      bundler: { ...base, module: 'Preserve', moduleResolution: 'Bundler' },
    };
    const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');
    const results = await Promise.all(
      Object.entries(configs).map(async ([name, compilerOptions]) => {
        const file = join(app, `tsconfig.${name}.json`);
        writeFileSync(file, JSON.stringify({ compilerOptions, files: ['consumer.ts'] }, null, 2));
        try {
          await run(process.execPath, [tsc, '-p', file], { cwd: app });
          return `${name}: ok`;
        } catch (e) {
          const err = e as { stdout?: string; stderr?: string };
          return `${name}: ${err.stdout ?? ''}${err.stderr ?? ''}`;
        }
      }),
    );
    expect(results).toEqual(['nodenext: ok', 'bundler: ok']);
  }, 120_000);
});
