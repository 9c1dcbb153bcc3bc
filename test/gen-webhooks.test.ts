// The push tables generator: a webhook added to the spec reaches the receiver's tables, and what
// the receiver's checker cannot check is refused rather than silently dropped.
import { describe, expect, it } from 'vitest';
import { webhookFiles } from '../scripts/gen-webhooks.js';

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
