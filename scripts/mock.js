// The Prism mock server of the bundled spec (generated/openapi.json).
//   npm run mock [-- --port 4010] [--host 127.0.0.1]    (bin/ozon-seller-mock.js) serves until Ctrl-C
//   import { startMock } from 'ozon-seller-api/mock'    for tests and the demo (types: mock.d.ts)
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { binPath, root } from './lib.js';

export const SPEC = join(root, 'generated/openapi.json');

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
 * Starts `prism mock` on a loopback port and resolves once it answers HTTP.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startMock({ port, host = '127.0.0.1', spec = SPEC, timeoutMs = 60_000, quiet = true, signal } = {}) {
  const p = port || (await freePort(host));
  const child = spawn(process.execPath, [binPath('@stoplight/prism-cli', 'prism'), 'mock', spec, '-h', host, '-p', String(p)], {
    cwd: root,
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log = (log + d).slice(-4000)));
  child.stderr?.on('data', (d) => (log = (log + d).slice(-4000)));
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
