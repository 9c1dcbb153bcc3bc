// The project's own lint rules, run by the Redocly CLI on a small spec: placeholder example values
// ("string", a scaffold's TODO-...) are rejected in operations and in webhooks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redocly, root } from '../scripts/lib.js';

const spec = `openapi: 3.1.0
info: { title: t, version: '1', license: { name: MIT, identifier: MIT } }
paths:
  /v1/thing:
    post:
      operationId: GetThing
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { name: { type: string } } }
            example: { name: string }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { items: { type: array, items: { type: string } }, sku: { type: string } } }
              example: { items: [PH-2045-BLK, TODO-offer], sku: '180550365' }
webhooks:
  TYPE_NEW_POSTING:
    post:
      operationId: NewPosting
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { posting_number: { type: string } } }
            example: { posting_number: string }
      responses:
        '200': { description: ok }
`;

describe('lint rule ozon/no-placeholder-examples', () => {
  it('reports "string" and TODO- example values in operations and webhooks, at the value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ozon-lint-'));
    try {
      writeFileSync(join(dir, 'openapi.yaml'), spec);
      writeFileSync(join(dir, 'redocly.yaml'), `plugins:\n  - ${join(root, 'scripts/redocly-plugin.js')}\nrules:\n  ozon/no-placeholder-examples: error\n`);
      const res = redocly(['lint', join(dir, 'openapi.yaml'), '--config', join(dir, 'redocly.yaml'), '--format=json'], { allowFail: true });
      const problems = (JSON.parse(res.stdout).problems as { ruleId: string; location: { pointer: string }[] }[]).filter((p) => p.ruleId === 'ozon/no-placeholder-examples');
      expect(problems.map((p) => p.location[0]!.pointer).sort()).toEqual([
        '#/paths/~1v1~1thing/post/requestBody/content/application~1json/example/name',
        '#/paths/~1v1~1thing/post/responses/200/content/application~1json/example/items/1',
        '#/webhooks/TYPE_NEW_POSTING/post/requestBody/content/application~1json/example/posting_number',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('examples of the bundled spec', () => {
  it('hold no placeholder: no "string", no TODO-, no 0 ids', async () => {
    const { spec } = await import('./spec.js');
    const found: string[] = [];
    const walk = (v: unknown, path: string, key: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`, key));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`, k);
      else if (v === 'string' || (typeof v === 'string' && v.startsWith('TODO-'))) found.push(`${path} = ${JSON.stringify(v)}`);
      // 0 is a real value of complex_id and attribute_complex_id (not a complex attribute),
      // dictionary_value_id (a free value), cancel_reason_id (not cancelled), quantum_id (not a
      // quantum) and the first positions (last_id, last_value_id).
      else if (v === 0 && /(^|_)id$|^sku$/.test(key) && !/^(complex_id|attribute_complex_id|dictionary_value_id|cancel_reason_id|quantum_id|last_id|last_value_id)$/.test(key)) found.push(`${path} = 0`);
    };
    for (const [path, item] of Object.entries<any>({ ...spec.paths, ...spec.webhooks })) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!op || typeof op !== 'object' || !op.responses) continue;
        walk(op.requestBody?.content?.['application/json']?.example, `${method.toUpperCase()} ${path} request`, '');
        for (const [code, r] of Object.entries<any>(op.responses)) if (/^2/.test(code)) walk(r.content?.['application/json']?.example, `${method.toUpperCase()} ${path} ${code}`, '');
      }
    }
    expect(found).toEqual([]);
  });
});
