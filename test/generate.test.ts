// The code generator: int64 widening of request-only fields, x-pagination checks, and the stale
// check of generated/ (run on a temporary copy of the project).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationsTable } from '../scripts/gen-operations.js';
import { loadOperationsModule } from '../scripts/pack-operations.js';
import { methodTables, requestOnlyComponents, schemaTypes, widenRequestInt64 } from '../scripts/gen-types.js';
import { countsText, specCounts, withCounts } from '../scripts/readme-counts.js';

const id64 = { type: 'integer', format: 'int64' };
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const mini = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/v1/things/list': {
      post: {
        operationId: 'ListThings',
        requestBody: json({
          type: 'object',
          properties: { ids: { type: 'array', items: id64 }, filter: { $ref: '#/components/schemas/Filter' }, shared: { $ref: '#/components/schemas/Shared' }, last_id: { type: 'string' } },
        }),
        responses: {
          '200': json({
            type: 'object',
            properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Shared' } }, last_id: { type: 'string' }, total: id64 },
          }),
        },
        'x-pagination': { style: 'last_id', items: 'items', request: { cursor: 'last_id' }, response: { cursor: 'last_id' } },
      },
    },
  },
  components: {
    schemas: {
      Filter: { type: 'object', properties: { warehouse_id: id64, nested: { $ref: '#/components/schemas/Nested' } } },
      Nested: { type: 'object', properties: { sku: id64 } },
      Shared: { type: 'object', properties: { product_id: id64 } },
    },
  },
};

describe('generator', () => {
  it('finds the components that only requests use, through nested $refs', () => {
    expect([...requestOnlyComponents(mini)].sort()).toEqual(['Filter', 'Nested']);
  });

  it('widens int64 request fields to number | string and keeps responses as documented', async () => {
    const dts: string = await schemaTypes(mini);
    const squash = dts.replace(/\/\*\*[^]*?\*\//g, '').replace(/\s+/g, ' ');
    expect(squash).toContain('ids?: (number | string)[];');
    expect(squash).toMatch(/Filter: \{ warehouse_id\?: number \| string;/);
    expect(squash).toMatch(/Nested: \{ sku\?: number \| string;/);
    expect(squash).toMatch(/Shared: \{ product_id\?: number;/);
    expect(squash).toContain('total?: number;');
  });

  it('leaves out what only spells absence and the bodies\' examples, and keeps parameters, real headers and field examples', async () => {
    const spec = structuredClone(mini) as any;
    const op = spec.paths['/v1/things/list'].post;
    op.requestBody.content['application/json'].example = { ids: [4815162342], last_id: 'req-example-body' };
    op.responses['200'].content['application/json'].example = { items: [], last_id: 'res-example-body', total: 0 };
    op.responses['200'].content['application/json'].schema.properties.last_id.example = 'field-example-7';
    op.responses['429'] = {
      description: 'Too many requests',
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
      content: { 'application/json': { schema: { type: 'object', properties: { code: { type: 'integer' } } } } },
    };
    spec.paths['/v1/thing/{id}'] = {
      get: {
        operationId: 'GetThing',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'lang', in: 'query', schema: { type: 'string' } },
        ],
        responses: { '200': json({ type: 'object', properties: { path: { type: 'string' }, query: { type: 'string' } } }) },
      },
    };
    const dts: string = await schemaTypes(spec);
    const squash = dts.replace(/\s+/g, ' ');
    expect(squash).not.toContain('?: never');
    expect(squash).not.toMatch(/headers: \{ \[name: string\]: unknown; \}/);
    expect(squash).not.toContain('req-example-body');
    expect(squash).not.toContain('res-example-body');
    expect(squash).toContain('@example field-example-7');
    // The parameters an operation has, and the headers a response documents, stay.
    expect(squash).toMatch(/parameters: \{ query\?: \{ lang\?: string; \}; path: \{ id: number; \}; \};/);
    expect(squash).toMatch(/headers: \{ "Retry-After"\?: number; \[name: string\]: unknown; \};/);
    // Schema properties named like the left-out members are not touched.
    expect(squash).toMatch(/path\?: string; query\?: string;/);
    expect(squash).toMatch(/"\/v1\/thing\/\{id\}": \{ get: operations\["GetThing"\]; \};/);
    // The input spec is not changed.
    expect(op.requestBody.content['application/json'].example.last_id).toBe('req-example-body');
  });

  it('widens the same int64 fields in the bundle: an integer or a string of digits', () => {
    const wide = widenRequestInt64(mini) as any;
    const both = { type: ['integer', 'string'], format: 'int64', pattern: '^-?[0-9]+$' };
    const op = wide.paths['/v1/things/list'].post;
    expect(op.requestBody.content['application/json'].schema.properties.ids.items).toEqual(both);
    expect(wide.components.schemas.Filter.properties.warehouse_id).toEqual(both);
    expect(wide.components.schemas.Nested.properties.sku).toEqual(both);
    expect(wide.components.schemas.Shared.properties.product_id).toEqual(id64);
    expect(op.responses['200'].content['application/json'].schema.properties.total).toEqual(id64);
    expect(mini.components.schemas.Filter.properties.warehouse_id).toEqual(id64);
    const withEnum = structuredClone(mini) as any;
    withEnum.components.schemas.Filter.properties.warehouse_id = { ...id64, enum: [15, 30] };
    expect(widenRequestInt64(withEnum).components.schemas.Filter.properties.warehouse_id.enum).toEqual([15, 30, '15', '30']);
  });

  it('emits the operations of each method, and its current and deprecated paths, for the client types', () => {
    const spec = structuredClone(mini) as any;
    spec.paths['/v1/things/old'] = { post: { ...spec.paths['/v1/things/list'].post, operationId: 'OldThings', deprecated: true } };
    spec.paths['/v1/thing/{id}'] = { get: { operationId: 'GetThing', responses: { '200': json({ type: 'object' }) } } };
    const lines = methodTables(spec).replace(/\s+/g, ' ');
    expect(lines).toContain('export interface PostOperations { "/v1/things/list": paths["/v1/things/list"]["post"]; "/v1/things/old": paths["/v1/things/old"]["post"]; }');
    expect(lines).toContain('export interface GetOperations { "/v1/thing/{id}": paths["/v1/thing/{id}"]["get"]; }');
    expect(lines).toContain('export interface CurrentPathsByMethod { get: "/v1/thing/{id}"; post: "/v1/things/list"; }');
    expect(lines).toContain('export interface DeprecatedPathsByMethod { get: never; post: "/v1/things/old"; }');
  });

  it('rejects x-pagination paths that are not in the schemas', () => {
    const bad = structuredClone(mini) as any;
    bad.paths['/v1/things/list'].post['x-pagination'].response.cursor = 'result.last_id';
    expect(() => operationsTable(bad)).toThrow(/response.cursor path "result.last_id" is not in the 200 schema/);
    bad.paths['/v1/things/list'].post['x-pagination'] = { style: 'last_id', items: 'last_id', request: { cursor: 'last_id' }, response: { cursor: 'last_id' } };
    expect(() => operationsTable(bad)).toThrow(/items path "last_id" is not an array/);
  });

  it('writes a table with the extensions and the paginated path union', () => {
    const ts: string = operationsTable(mini);
    expect(loadOperationsModule(ts).operations['POST /v1/things/list'].pagination).toMatchObject({ style: 'last_id', items: 'items' });
    expect(ts).toContain('"/v1/things/list": { items: "items"; cursor: "last_id" };');
    expect(ts).toContain('export type PaginatedPath = "/v1/things/list";');
    expect(ts).toContain('export type ReportPath = never;');
  });
});

describe('README counts', () => {
  it('the README states the counts of the bundled spec, as generate writes them', () => {
    const root = join(import.meta.dirname, '..');
    const spec = JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8'));
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(countsText(spec));
    expect(withCounts(readme, spec)).toBe(readme);
    const c = specCounts(spec);
    expect(c.current + c.deprecated + c.legacy).toBe(c.operations);
    expect(readme).toContain(`The spec describes ${c.operations} operations: ${c.current} current`);
  });

  it('counts a small spec, and refuses a README without the markers', () => {
    expect(specCounts(mini)).toEqual({ operations: 1, current: 1, deprecated: 0, legacy: 0, paginated: 1, rateLimited: 0, webhooks: 0 });
    expect(() => withCounts('# no block', mini)).toThrow(/no counts block/);
  });
});

describe('generate --check', () => {
  // Async (not spawnSync): a worker blocked for a minute misses vitest's own RPC deadline.
  it('passes on the committed output and fails once openapi/ changes', { timeout: 300_000 }, async () => {
    const root = join(import.meta.dirname, '..');
    const dir = mkdtempSync(join(tmpdir(), 'ozon-gen-'));
    try {
      for (const p of ['openapi', 'scripts', 'src', 'generated', 'redocly.yaml', 'package.json', 'README.md']) cpSync(join(root, p), join(dir, p), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      const run = (script = ['scripts/generate.js', '--check']) =>
        new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
          execFile(process.execPath, script, { cwd: dir, encoding: 'utf8' }, (err, stdout, stderr) =>
            resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
          ),
        );
      const fresh = await run();
      expect(fresh.status, fresh.stderr).toBe(0);
      // Unchanged inputs and outputs: the content hash answers, without linting again.
      expect(fresh.stdout).toContain('unchanged since the last generate');
      // A hand edit of generated/ is caught.
      const table = join(dir, 'generated/operations.ts');
      const original = readFileSync(table, 'utf8');
      writeFileSync(table, `${original}// edited\n`);
      const edited = await run();
      expect(edited.status).toBe(1);
      expect(edited.stderr).toContain('generated/ is stale (operations.ts)');
      writeFileSync(table, original);
      const file = join(dir, 'openapi/paths/report/v1_report_info.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('summary: Get report info', 'summary: Get report state'));
      const stale = await run();
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain('generated/ is stale (openapi.json, schema.d.ts)');
      // `npm run lint` fails on an example that does not conform to its schema (checked on the bundle).
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n(\s+)code: /, '\n$1unknown_field: 1\n$1code: '));
      const badExample = await run(['scripts/lint.js']);
      expect(badExample.status).toBe(1);
      expect(badExample.stderr).toMatch(/error: POST \/v1\/report\/info request application\/json: Example value must conform to the schema: must NOT have unevaluated properties `unknown_field`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
