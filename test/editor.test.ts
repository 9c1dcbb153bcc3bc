// What an editor shows, asked of TypeScript's language service (the engine behind VS Code's hover,
// completions and squiggles) on a file of calls: a deprecated operation is marked at its call
// site, and an unknown body field is reported, as the README says.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const file = join(root, 'test/__editor_probe__.ts');
const source = `import { createOzonClient, type RequestBodyOf } from '../src/index.js';
const ozon = createOzonClient({ clientId: '1', apiKey: 'k' });
export const legacy = ozon.POST('/v2/posting/fbs/list', { body: { dir: 'asc', filter: { since: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, limit: 50, offset: 0 } });
export const legacyGet = ozon.GET('/v1/order/{id}', { params: { path: { id: 438764970 } } });
export const current = ozon.POST('/v3/posting/fbs/get', { body: { posting_number: '57195475-0050-3' } });
export const nearMiss = ozon.POST('/v3/product/list', { body: { filter: { visibility: 'ALL' }, limit: 100, lastid: '' } });
export const extraRequired = ozon.POST('/v1/report/info', { body: { code: 'REPORT_1', extra: 1 } });
export const strict: RequestBodyOf<'/v1/report/info'> = { code: 'REPORT_1', extra: 1 };
`;

interface Probe {
  deprecated: { line: number; code: number }[];
  errors: { line: number; code: number; text: string }[];
  hovers: { line: number; tags: { name: string; text: string }[] }[];
}

/** What the language service says about `source`, from test/editor-probe.mjs in its own process. */
function probe(): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(root, 'test/editor-probe.mjs'), file], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Probe),
    );
    child.stdin!.end(source);
  });
}

let result: Promise<Probe> | undefined;
const lineOf = (pos: number) => source.slice(0, pos).split('\n').length;
const lineWith = (needle: string) => lineOf(source.indexOf(needle));

describe('in the editor', () => {
  it('a call of a deprecated operation is marked deprecated at the call site (hover and strike-through)', async () => {
    const { deprecated, hovers } = await (result ??= probe());
    const lines = deprecated.map((d) => d.line);
    expect(deprecated.every((d) => d.code === 6387)).toBe(true);
    expect(lines).toContain(lineWith('legacy ='));
    expect(lines).toContain(lineWith('legacyGet ='));
    expect(lines).not.toContain(lineWith('current ='));
    // (A call with a type error, such as nearMiss and extraRequired below, may show the hint too,
    // when TypeScript reports it against the deprecated-call signature.)
    const hover = hovers.find((h) => h.line === lineWith('legacy ='))!;
    expect(hover.tags.map((t) => t.name)).toEqual(['deprecated']);
    expect(hover.tags[0]!.text).toContain('Ozon has deprecated this method');
    expect(hovers.find((h) => h.line === lineWith('current ='))!.tags).toEqual([]);
  }, 120_000);

  it('an unknown body field is reported, with a suggestion for a near miss', async () => {
    const { errors } = await (result ??= probe());
    // The init is typed per operation, so TypeScript's excess-property check applies to every
    // call, with "Did you mean" for a near miss (reported as "No overload matches this call": the
    // deprecated-call signature is tried after the current one). A body declared with its type is
    // checked too.
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [lineWith('nearMiss ='), 2769],
      [lineWith('extraRequired ='), 2769],
      [lineWith('strict:'), 2353],
    ]);
    expect(errors[0]!.text).toMatch(/'lastid' does not exist .*Did you mean to write 'last_id'\?/);
  }, 120_000);
});
