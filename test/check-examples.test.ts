// scripts/check-examples.js, the check of every example against its schema that `npm run lint`
// runs instead of Redocly's rule no-invalid-media-type-examples: on a small spec with broken
// examples it reports what the Redocly rule reports (same messages, same pointers), and its quick
// first look agrees with Ajv on every example of the real spec, untouched and broken.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExamples } from '../scripts/check-examples.js';
import { redocly, root } from '../scripts/lib.js';

// One file, so Redocly's pointers (in the source) and ours (in the bundle) are the same.
const fixture = `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /v1/things:
    post:
      operationId: ListThings
      parameters:
        - name: filter
          in: query
          content:
            application/json:
              schema: { type: object, properties: { q: { type: string } } }
              example: { q: 1 }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [limit, since]
              properties:
                limit: { type: integer, maximum: 100 }
                since: { type: string, format: date-time }
                state: { type: string, enum: [NEW, DONE] }
                filter: { $ref: '#/components/schemas/Filter' }
                thing: { $ref: '#/components/schemas/Thing' }
            examples:
              good: { value: { limit: 10, since: '2024-01-02T03:04:05Z', thing: { name: a } } }
              wrongType: { value: { limit: ten, since: '2024-01-02T03:04:05Z' } }
              tooBig: { value: { limit: 1000, since: '2024-01-02T03:04:05Z' } }
              missing: { value: { limit: 10 } }
              badEnum: { value: { limit: 10, since: '2024-01-02T03:04:05Z', state: GONE } }
              badDate: { value: { limit: 10, since: yesterday } }
              deepExtra: { value: { limit: 10, since: '2024-01-02T03:04:05Z', filter: { warehouse: { id: 1, name: x } } } }
              readOnly: { value: { limit: 10, since: '2024-01-02T03:04:05Z', thing: { id: 1, name: a } } }
              shared: { $ref: '#/components/examples/Shared' }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                allOf:
                  - $ref: '#/components/schemas/Base'
                  - type: object
                    properties: { total: { type: integer } }
              # allOf: a property no branch declares is let through, one level down it is not.
              example: { id: 1, total: 2, extra: true, owner: { name: a, age: 3 } }
        '400':
          $ref: '#/components/responses/Error'
  /v1/thing:
    post:
      operationId: GetThing
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: { by: { type: string } }
              anyOf:
                - { required: [by], properties: { by: { type: string } } }
                - { properties: { id: { type: integer }, meta: { type: object, properties: { a: { type: string } } } } }
            # An anyOf branch evaluates id, and inside a branch objects stay open: no problem.
            example: { by: name, id: 3, meta: { a: x, b: 1 } }
          multipart/form-data:
            schema: { type: object, properties: { file: { type: string } } }
            encoding:
              file:
                headers:
                  # The rule does not look into encodings.
                  X-Part: { content: { application/json: { schema: { type: integer }, example: one } } }
      responses:
        '200':
          description: ok
          headers:
            X-Rate: { content: { application/json: { schema: { type: integer }, example: many } } }
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
              example: { id: 1, name: a, secret: s }
        '400':
          $ref: '#/components/responses/Error'
webhooks:
  THING_CREATED:
    post:
      operationId: ThingCreated
      requestBody:
        content:
          application/json:
            schema: { type: object, required: [message_type], properties: { message_type: { const: THING_CREATED }, at: { type: string, format: date-time } } }
            example: { message_type: THING_UPDATED, at: '2024-02-30T25:00:00Z' }
      responses:
        '200': { description: ok }
components:
  schemas:
    Filter:
      type: object
      properties:
        warehouse: { type: object, properties: { id: { type: integer } } }
    Base:
      type: object
      properties:
        id: { type: integer }
        owner: { type: object, properties: { name: { type: string } } }
    Thing:
      type: object
      required: [id, name]
      properties:
        id: { type: integer, readOnly: true }
        name: { type: string }
        secret: { type: string, writeOnly: true }
  examples:
    Shared:
      value: { limit: 5, since: '2024-01-02T03:04:05Z', extra: 1 }
  responses:
    Error:
      description: error
      content:
        application/json:
          schema: { type: object, required: [code], properties: { code: { type: integer }, message: { type: string } } }
          example: { code: '400', message: bad }
`;

const RULE = 'no-invalid-media-type-examples';

describe('check-examples on a small spec', () => {
  it('reports what Redocly’s rule reports, at the same pointers, and nothing on good examples', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ozon-examples-'));
    try {
      writeFileSync(join(dir, 'openapi.yaml'), fixture);
      writeFileSync(join(dir, 'redocly.yaml'), `rules:\n  ${RULE}:\n    severity: error\n    allowAdditionalProperties: false\n`);
      const res = redocly(['lint', join(dir, 'openapi.yaml'), '--config', join(dir, 'redocly.yaml'), '--format=json'], { allowFail: true });
      type Problem = { ruleId: string; message: string; location: { pointer: string }[] };
      const theirs = (JSON.parse(res.stdout).problems as Problem[]).filter((p) => p.ruleId === RULE);
      redocly(['bundle', join(dir, 'openapi.yaml'), '--output', join(dir, 'bundle.json'), '--ext', 'json']);
      const ours = checkExamples(JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'))) as (Problem & { where: string })[];
      const list = (ps: Problem[]) => ps.map((p) => `${p.location[0]!.pointer} ${p.message}`).sort();
      expect(list(ours)).toEqual(list(theirs));
      // Each break is there, once, and the good examples give nothing.
      expect(list(ours)).toEqual(
        [
          '#/paths/~1v1~1things/post/parameters/0/content/application~1json/example/q Example value must conform to the schema: `q` property type must be string.',
          '#/paths/~1v1~1things/post/requestBody/content/application~1json/examples/wrongType/value/limit Example value must conform to the schema: `limit` property type must be integer.',
          '#/paths/~1v1~1things/post/requestBody/content/application~1json/examples/tooBig/value/limit Example value must conform to the schema: `limit` property must be <= 100.',
          "#/paths/~1v1~1things/post/requestBody/content/application~1json/examples/missing/value Example value must conform to the schema: must have required property 'since'.",
          '#/paths/~1v1~1things/post/requestBody/content/application~1json/examples/badEnum/value/state Example value must conform to the schema: `state` property must be equal to one of the allowed values "NEW", "DONE".',
          '#/paths/~1v1~1things/post/requestBody/content/application~1json/examples/badDate/value/since Example value must conform to the schema: `since` property must match format "date-time".',
          '#/paths/~1v1~1things/post/requestBody/content/application~1json/examples/deepExtra/value/filter/warehouse/name Example value must conform to the schema: `warehouse` property must NOT have unevaluated properties `name`.',
          '#/paths/~1v1~1things/post/requestBody/content/application~1json/examples/readOnly/value/thing/id Example value must conform to the schema: `id` property must NOT be present in request context.',
          '#/components/examples/Shared/value/extra Example value must conform to the schema: must NOT have unevaluated properties `extra`.',
          '#/paths/~1v1~1things/post/responses/200/content/application~1json/example/owner/age Example value must conform to the schema: `owner` property must NOT have unevaluated properties `age`.',
          '#/components/responses/Error/content/application~1json/example/code Example value must conform to the schema: `code` property type must be integer.',
          '#/paths/~1v1~1thing/post/responses/200/content/application~1json/example/secret Example value must conform to the schema: `secret` property must NOT be present in response context.',
          '#/paths/~1v1~1thing/post/responses/200/headers/X-Rate/content/application~1json/example Example value must conform to the schema: type must be integer.',
          '#/webhooks/THING_CREATED/post/requestBody/content/application~1json/example/message_type Example value must conform to the schema: `message_type` property must be equal to constant.',
          '#/webhooks/THING_CREATED/post/requestBody/content/application~1json/example/at Example value must conform to the schema: `at` property must match format "date-time".',
        ].sort(),
      );
      // Messages name the operation (or webhook), the request or status, and the media type.
      const where = new Set(ours.map((p) => p.where));
      expect(where).toContain('POST /v1/things request application/json');
      expect(where).toContain('POST /v1/things response 200 application/json');
      expect(where).toContain('POST /v1/things response 400 application/json');
      expect(where).toContain('POST /v1/things parameter filter application/json');
      expect(where).toContain('webhook THING_CREATED POST request application/json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A deterministic pseudo-random choice. */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

/** The real spec with every example broken in one of several ways, chosen per example. */
function breakExamples(spec: any, seed: number) {
  const pick = rng(seed);
  const out = structuredClone(spec);
  const nodes = (v: any, acc: { parent: any; key: string | number }[] = [], parent?: any, key?: string | number) => {
    if (parent !== undefined) acc.push({ parent, key: key! });
    if (Array.isArray(v)) v.forEach((x, i) => nodes(x, acc, v, i));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) nodes(x, acc, v, k);
    return acc;
  };
  const mutate = (holder: any, field: string) => {
    const all = nodes(holder[field], [], holder, field);
    const objects = all.filter(({ parent, key }) => parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key]));
    const leaves = all.filter(({ parent, key }) => parent[key] === null || typeof parent[key] !== 'object');
    const way = pick(5);
    if (way === 0 && objects.length) {
      const { parent, key } = objects[pick(objects.length)]!;
      parent[key].zz_extra = 1;
    } else if (way === 1 && objects.length) {
      const { parent, key } = objects[pick(objects.length)]!;
      const keys = Object.keys(parent[key]);
      if (keys.length) delete parent[key][keys[pick(keys.length)]!];
    } else if (way === 2 && leaves.length) {
      const { parent, key } = leaves[pick(leaves.length)]!;
      parent[key] = typeof parent[key] === 'string' ? 7 : 'seven';
    } else if (way === 3 && leaves.length) {
      const { parent, key } = leaves[pick(leaves.length)]!;
      parent[key] = typeof parent[key] === 'number' ? parent[key] + 0.5 : 'yesterday';
    } else if (leaves.length) {
      const { parent, key } = leaves[pick(leaves.length)]!;
      parent[key] = null;
    }
  };
  const walk = (v: any) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    if (v.schema !== undefined && v.example !== undefined) mutate(v, 'example');
    for (const [k, x] of Object.entries(v)) if (k !== 'example' && k !== 'schema') walk(x);
  };
  walk(out.paths);
  walk(out.webhooks);
  walk(out.components?.responses);
  return out;
}

describe('check-examples on the real spec', () => {
  const spec = JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8'));

  it('passes it, with and without the quick first look', () => {
    expect(checkExamples(spec)).toEqual([]);
    expect(checkExamples(spec, { quick: false })).toEqual([]);
  }, 60_000);

  it('the quick first look changes nothing: broken examples get the same problems from Ajv alone', () => {
    const broken = breakExamples(spec, 20);
    const withQuick = checkExamples(broken);
    // Most breaks are caught (a few make no difference, e.g. deleting an optional field).
    expect(withQuick.length).toBeGreaterThan(500);
    expect(withQuick).toEqual(checkExamples(broken, { quick: false }));
  }, 120_000);
});

describe('the lint', () => {
  it('runs check-examples with the option redocly.yaml gives the rule it skips', () => {
    const config = readFileSync(join(root, 'redocly.yaml'), 'utf8');
    expect(config).toMatch(/\n {2}no-invalid-media-type-examples:\n {4}severity: error\n {4}allowAdditionalProperties: false\n/);
    const lint = readFileSync(join(root, 'scripts/lint.js'), 'utf8');
    expect(lint).toContain("'--skip-rule', EXAMPLES_RULE");
    expect(lint).toContain('checkExamples(spec, { allowAdditionalProperties: false })');
  });
});
