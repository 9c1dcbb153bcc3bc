// The code generator: int64 widening of request-only fields, x-pagination checks, and the stale
// check of generated/ (run on a temporary copy of the project).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationsTable } from '../scripts/gen-operations.js';
import { requestOnlyComponents, schemaTypes } from '../scripts/gen-types.js';

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

  it('rejects x-pagination paths that are not in the schemas', () => {
    const bad = structuredClone(mini) as any;
    bad.paths['/v1/things/list'].post['x-pagination'].response.cursor = 'result.last_id';
    expect(() => operationsTable(bad)).toThrow(/response.cursor path "result.last_id" is not in the 200 schema/);
    bad.paths['/v1/things/list'].post['x-pagination'] = { style: 'last_id', items: 'last_id', request: { cursor: 'last_id' }, response: { cursor: 'last_id' } };
    expect(() => operationsTable(bad)).toThrow(/items path "last_id" is not an array/);
  });

  it('writes a table with the extensions and the paginated path union', () => {
    const ts: string = operationsTable(mini);
    // Packed: method (empty for POST), path, flags, then what else the operation has, as JSON.
    expect(ts).toContain(' /v1/things/list  {"pagination":{"style":"last_id","items":"items"');
    expect(ts).toContain('"/v1/things/list": { items: "items"; cursor: "last_id" };');
    expect(ts).toContain('export type PaginatedPath = "/v1/things/list";');
    expect(ts).toContain('export type ReportPath = never;');
  });
});

describe('generate --check', () => {
  it('passes on the committed output and fails once openapi/ changes', { timeout: 240_000 }, () => {
    const root = join(import.meta.dirname, '..');
    const dir = mkdtempSync(join(tmpdir(), 'ozon-gen-'));
    try {
      for (const p of ['openapi', 'scripts', 'generated', 'redocly.yaml', 'package.json']) cpSync(join(root, p), join(dir, p), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      const run = () => spawnSync(process.execPath, ['scripts/generate.js', '--check'], { cwd: dir, encoding: 'utf8' });
      const fresh = run();
      expect(fresh.status, fresh.stderr).toBe(0);
      // Unchanged inputs and outputs: the content hash answers, without linting again.
      expect(fresh.stdout).toContain('unchanged since the last generate');
      // A hand edit of generated/ is caught.
      const table = join(dir, 'generated/operations.ts');
      const original = readFileSync(table, 'utf8');
      writeFileSync(table, `${original}// edited\n`);
      const edited = run();
      expect(edited.status).toBe(1);
      expect(edited.stderr).toContain('generated/ is stale (operations.ts)');
      writeFileSync(table, original);
      const file = join(dir, 'openapi/paths/report/v1_report_info.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('summary: Get report info', 'summary: Get report state'));
      const stale = run();
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain('generated/ is stale (openapi.json, schema.d.ts)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
