// The push tables generator, and the lint rules on webhooks: a webhook added to the spec reaches the receiver's tables, and what
// the receiver's checker cannot check is refused rather than silently dropped.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { webhookFiles } from '../scripts/gen-webhooks.js';
import { binPath } from '../scripts/lib.js';

const hook = (type: string, schema: Record<string, unknown>, example: unknown = { message_type: type }) => ({
  post: { requestBody: { content: { 'application/json': { schema, example } } }, responses: {} },
});
const body = (type: string, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  required: ['message_type'],
  properties: { message_type: { type: 'string', enum: [type], description: 'the type' }, ...extra },
});
const spec = (webhooks: Record<string, unknown>) => ({
  openapi: '3.1.0',
  webhooks,
  components: { schemas: { Item: { type: 'object', required: ['sku'], properties: { sku: { type: 'integer', format: 'int64', example: 1 } } } } },
});

describe('gen-webhooks', () => {
  it('writes the types, the reduced schemas with $refs inlined, and the examples', () => {
    const files = webhookFiles(
      spec({
        TYPE_PING: hook('TYPE_PING', body('TYPE_PING', { time: { type: 'string', format: 'date-time' } }), { message_type: 'TYPE_PING', time: '2026-01-01T00:00:00Z' }),
        TYPE_NEW_THING: hook('TYPE_NEW_THING', body('TYPE_NEW_THING', { items: { type: 'array', items: { $ref: '#/components/schemas/Item' } } })),
      }),
      'HEADER',
    );
    expect(files['push.ts']).toContain('export const pushTypes = ["TYPE_PING","TYPE_NEW_THING"] as const;');
    expect(files['push.ts']).toContain('"TYPE_NEW_THING": {"type":"object","required":["message_type"],"properties":{"message_type":{"type":"string","enum":["TYPE_NEW_THING"]},"items":{"type":"array","items":{"type":"object","required":["sku"],"properties":{"sku":{"type":"integer","int64":true}}}}}},');
    expect(files['push-examples.ts']).toContain('"TYPE_PING": {"message_type":"TYPE_PING","time":"2026-01-01T00:00:00Z"},');
    expect(files['push.ts'].startsWith('// HEADER\n')).toBe(true);
  });

  it('refuses a webhook whose key is not its message_type, and keywords the checker does not know', () => {
    expect(() => webhookFiles(spec({ TYPE_A: hook('TYPE_A', body('TYPE_B')) }), 'H')).toThrow(/TYPE_A: message_type must be declared as `enum: \[TYPE_A\]`/);
    expect(() => webhookFiles(spec({ TYPE_A: hook('TYPE_A', body('TYPE_A', { n: { type: 'integer', maximum: 3 } })) }), 'H')).toThrow(/`maximum` is not checked by the push receiver/);
    const noExample = { post: { requestBody: { content: { 'application/json': { schema: body('TYPE_A') } } } } };
    expect(() => webhookFiles(spec({ TYPE_A: noExample }), 'H')).toThrow(/needs an example/);
  });
});

describe('lint of webhooks', () => {
  it("the project's rules reach webhook operations: examples present and valid, English text", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ozon-webhook-lint-'));
    try {
      const plugin = join(import.meta.dirname, '../scripts/redocly-plugin.js');
      writeFileSync(join(dir, 'redocly.yaml'), `apis:\n  t:\n    root: ./spec.json\nplugins:\n  - ${plugin}\nrules:\n  no-invalid-media-type-examples: error\n  ozon/operation-examples: error\n  ozon/english-text: error\n`);
      const op = (summary: string, media: object) => ({ post: { operationId: summary, summary, requestBody: { content: { 'application/json': media } }, responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: {} } } } } } });
      const spec = {
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: {},
        webhooks: {
          TYPE_A: op('Проверка', { schema: { type: 'object', properties: { n: { type: 'integer' } } }, example: { n: 'x' } }),
          TYPE_B: op('B', { schema: { type: 'object' } }),
        },
      };
      writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
      // Async, so the test worker stays responsive while Redocly runs; lint exits 1 on problems.
      const stdout = await promisify(execFile)(process.execPath, [binPath('@redocly/cli', 'redocly'), 'lint', '--config', join(dir, 'redocly.yaml'), '--format=json'], {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      }).then(
        (r) => r.stdout,
        (e: { stdout?: string }) => e.stdout ?? '',
      );
      const rules = (JSON.parse(stdout).problems as { ruleId: string }[]).map((p) => p.ruleId).sort();
      expect(rules).toEqual(['no-invalid-media-type-examples', 'ozon/english-text', 'ozon/operation-examples']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
