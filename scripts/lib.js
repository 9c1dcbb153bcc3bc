// Helpers shared by the scripts: paths, running the Redocly CLI, walking the bundled spec.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Path of an installed package's bin script, run with this same node binary. */
export function binPath(pkg, bin) {
  const pkgJson = require.resolve(`${pkg}/package.json`);
  const meta = require(pkgJson);
  const rel = typeof meta.bin === 'string' ? meta.bin : meta.bin[bin];
  return join(dirname(pkgJson), rel);
}

const REDOCLY_ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

/** Runs the Redocly CLI; returns stdout, throws with its output on a non-zero exit. */
export function redocly(args, { allowFail = false } = {}) {
  const res = spawnSync(process.execPath, [binPath('@redocly/cli', 'redocly'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: REDOCLY_ENV,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0 && !allowFail) {
    throw new Error(`redocly ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
  }
  return res;
}

/** Like `redocly`, without blocking: resolves to { status, stdout, stderr }, so two runs overlap. */
export function redoclyAsync(args, { allowFail = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath('@redocly/cli', 'redocly'), ...args], { cwd: root, env: REDOCLY_ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0 && !allowFail) reject(new Error(`redocly ${args.join(' ')} failed:\n${stdout}\n${stderr}`));
      else resolve({ status, stdout, stderr });
    });
  });
}

/** Follows a local `#/...` JSON pointer in the bundled spec. */
export function deref(spec, node) {
  let n = node;
  for (let i = 0; n && typeof n === 'object' && typeof n.$ref === 'string' && i < 32; i++) {
    n = n.$ref
      .slice(2)
      .split('/')
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((o, k) => o?.[k], spec);
  }
  return n;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

/** Every operation of the bundled spec: { method, path, op }. */
export function operationsOf(spec) {
  const out = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item[method]) out.push({ method, path, op: item[method] });
    }
  }
  return out;
}
