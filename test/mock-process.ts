// Runs the `ozon-seller-mock` command (from the repo or an installed package) until it prints its
// URL, hands the output so far to `use`, then stops it: shared by the mock and package tests.
import { spawn } from 'node:child_process';

export async function withMockCommand<T>(bin: string, args: string[], cwd: string, use: (output: () => string) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const deadline = Date.now() + 60_000;
    while (!out.includes('mock on http://')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`ozon-seller-mock did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return await use(() => out);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
