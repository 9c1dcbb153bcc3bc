// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (fds 3 and 4, one JSON
// message per NUL byte), for Debian's /usr/bin/chromium. No browser download, no WebSocket.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Whether the browser test runs. With Chromium (`CHROMIUM_PATH`, else /usr/bin/chromium) it runs.
 * Without it, it is skipped with a one-line reason, so `npm test` passes with Node alone; under
 * `CI=true` a missing Chromium is a failure (`.ci/run` installs it, so CI always runs the test).
 */
export function chromiumPlan(env: Record<string, string | undefined> = process.env, exists: (path: string) => boolean = existsSync): { run: true } | { run: false; reason: string } | { run: 'fail'; reason: string } {
  const path = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (exists(path)) return { run: true };
  const missing = `no Chromium at ${path} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (env.CI === 'true') return { run: 'fail', reason: `CI=true and ${missing}` };
  return { run: false, reason: `API reference test skipped: ${missing}` };
}

/** The flags: headless, no sandbox (CI runs as root), no background networking. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-background-networking'];

export interface Page {
  /** Loads the URL and resolves when its load event fired. */
  goto(url: string): Promise<void>;
  /** Evaluates an expression in the page; resolves to its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls an expression until it is truthy; resolves to its value. */
  waitFor<T>(expression: string, timeoutMs?: number): Promise<T>;
  /** A PNG of the viewport. */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

export async function launch({ width = 1280, height = 1000 } = {}): Promise<Page> {
  const profile = mkdtempSync(join(tmpdir(), 'ozon-chromium-'));
  const child = spawn(CHROMIUM, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  let buffer = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const waiter = msg.id ? pending.get(msg.id) : undefined;
      if (!waiter) continue;
      pending.delete(msg.id);
      if (msg.error) waiter.reject(new Error(`CDP: ${msg.error.message}`));
      else waiter.resolve(msg.result);
    }
  });
  child.once('exit', () => {
    for (const w of pending.values()) w.reject(new Error(`chromium exited:\n${stderr}`));
    pending.clear();
  });
  const send = (method: string, params: object = {}, sessionId?: string): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });

  const close = async () => {
    await send('Browser.close').catch(() => undefined);
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
    rmSync(profile, { recursive: true, force: true });
  };

  try {
    const { targetInfos } = await send('Target.getTargets');
    const target = (targetInfos as { type: string; targetId: string }[]).find((t) => t.type === 'page');
    const { targetId } = target ?? (await send('Target.createTarget', { url: 'about:blank' }));
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const page = (method: string, params: object = {}) => send(method, params, sessionId);
    await page('Page.enable');
    await page('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    const evaluate = async <T>(expression: string): Promise<T> => {
      const { result, exceptionDetails } = await page('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
      if (exceptionDetails) throw new Error(`page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as T;
    };
    const waitFor = async <T>(expression: string, timeoutMs = 30_000): Promise<T> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await evaluate<T>(expression);
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for: ${expression}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    return {
      async goto(url) {
        await page('Page.navigate', { url });
        await waitFor('document.readyState === "complete"');
      },
      evaluate,
      waitFor,
      async screenshot() {
        const { data } = await page('Page.captureScreenshot', { format: 'png' });
        return Buffer.from(data as string, 'base64');
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
