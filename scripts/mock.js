// The Prism mock server of the bundled spec (generated/openapi.json).
//   npm run mock [-- --port 4010] [--host 127.0.0.1]    (bin/ozon-seller-mock.js) serves until Ctrl-C
//   import { startMock } from 'ozon-seller-api/mock'    for tests and the demo (types: mock.d.ts)
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { binPath, root } from './lib.js';

export const SPEC = join(root, 'generated/openapi.json');

/** What `startMock()` and `ozon-seller-mock` say when Prism is not installed. */
export const PRISM_MISSING = `Prism is not installed. The mock runs Prism (@stoplight/prism-cli), which this package does not install for you:
  npm install --save-dev @stoplight/prism-cli@5`;

/** Path of Prism's CLI, resolved from this package; a clear error when Prism is missing. */
function prismBin() {
  try {
    return binPath('@stoplight/prism-cli', 'prism');
  } catch (e) {
    if (e?.code !== 'MODULE_NOT_FOUND') throw e;
    throw Object.assign(new Error(PRISM_MISSING, { cause: e }), { code: 'OZON_PRISM_MISSING' });
  }
}

/** A free TCP port on the host, found by binding port 0. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `prism mock` on a loopback port and resolves once it answers HTTP. Rejects with
 * `PRISM_MISSING` (error code `OZON_PRISM_MISSING`) when Prism is not installed.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startMock({ port, host = '127.0.0.1', spec = SPEC, timeoutMs = 60_000, quiet = true, onLog, signal } = {}) {
  const bin = prismBin();
  const p = port || (await freePort(host));
  const inherit = !quiet && !onLog;
  const child = spawn(process.execPath, [bin, 'mock', spec, '-h', host, '-p', String(p)], {
    cwd: root,
    stdio: ['ignore', inherit ? 'inherit' : 'pipe', inherit ? 'inherit' : 'pipe'],
  });
  let log = '';
  const take = (d) => {
    log = (log + d).slice(-4000);
    onLog?.(String(d));
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${p}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
  };
  const deadline = Date.now() + timeoutMs;
  let dead = null;
  exited.then((r) => (dead = r));
  while (Date.now() < deadline) {
    if (signal?.aborted) {
      await stop();
      throw signal.reason ?? new Error('aborted');
    }
    if (dead) throw new Error(`prism exited (${dead.code ?? dead.signal}) before it answered:\n${log}`);
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      return { url, port: p, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  await stop();
  throw new Error(`prism did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
}
