// The mock command and startMock(): the URL comes first and Prism's log only with --verbose; without
// Prism (resolved from a directory that has none), both say the same thing: how to install it.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRISM_MISSING } from '../scripts/mock.js';
import { withMockCommand } from './mock-process.js';

const root = join(import.meta.dirname, '..');
let dir: string;

beforeAll(() => {
  // A copy of the mock's files in a directory with no node_modules above it: Prism cannot resolve.
  dir = mkdtempSync(join(tmpdir(), 'ozon-noprism-'));
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'bin'));
  for (const f of ['scripts/mock.js', 'scripts/lib.js', 'bin/ozon-seller-mock.js']) cpSync(join(root, f), join(dir, f));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'noprism', type: 'module' }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('without Prism', () => {
  it('startMock() rejects with the message of the command, not "Cannot find module"', async () => {
    const { startMock } = (await import(pathToFileURL(join(dir, 'scripts/mock.js')).href)) as typeof import('../scripts/mock.js');
    const err = await startMock().then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(err?.message).toBe(PRISM_MISSING);
    expect(err?.code).toBe('OZON_PRISM_MISSING');
    expect(PRISM_MISSING).toContain('npm install --save-dev @stoplight/prism-cli@5');
  });

  it('ozon-seller-mock exits 1 with the same message', async () => {
    const res = await promisify(execFile)(process.execPath, [join(dir, 'bin/ozon-seller-mock.js')], { cwd: dir }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '' }),
    );
    expect(res.code).toBe(1);
    expect(res.stderr.startsWith(`ozon-seller-mock: ${PRISM_MISSING}\n`)).toBe(true);
  });
});

/** Runs the command until it printed its URL and `settleMs` more; returns its output lines. */
async function runMock(args: string[], settleMs = 1500): Promise<string[]> {
  const out = await withMockCommand(join(root, 'bin/ozon-seller-mock.js'), ['--port', '0', ...args], root, async (output) => {
    await new Promise((r) => setTimeout(r, settleMs));
    return output();
  });
  return out.split('\n').filter(Boolean);
}

describe('ozon-seller-mock', () => {
  it('prints the URL, and only the URL, without --verbose', async () => {
    const lines = await runMock([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Ozon Seller API mock on http:\/\/127\.0\.0\.1:\d+ \(Ctrl-C stops it\)$/);
  }, 90_000);

  it('with --verbose prints the URL first, then Prism\'s log', async () => {
    const lines = await runMock(['--verbose']);
    expect(lines[0]).toMatch(/^Ozon Seller API mock on http:\/\/127\.0\.0\.1:\d+/);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.slice(1).join('\n')).toMatch(/Prism is listening|POST/);
  }, 90_000);
});
