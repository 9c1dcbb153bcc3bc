// The bundled spec states what the client's types state: an int64 request field accepts an integer
// or a string of digits (Ozon's gateway parses either). For every request example holding int64
// fields, the same example with each of them in the other form must pass the mock's check.
// (Components that responses use too keep their documented type, in the types as in the bundle.)
import { describe, expect, inject, it } from 'vitest';
import { createOzonClient } from '../src/index.js';
import { deref, specOperations } from './spec.js';

const client = () => createOzonClient({ clientId: '836', apiKey: 'contract-test-key', baseUrl: inject('mockUrl'), rateLimits: false, onDeprecated: false, retry: false });

/** The property schemas of an object schema, through allOf/oneOf/anyOf. */
function propertiesOf(schema: any): Record<string, any> {
  const s = deref(schema);
  if (!s || typeof s !== 'object') return {};
  return Object.assign({}, ...['allOf', 'oneOf', 'anyOf'].flatMap((k) => (s[k] ?? []).map(propertiesOf)), s.properties ?? {});
}

/** Whether the bundle types the field as the client's types do for request int64s: number | string. */
const widened = (s: any) => s.format === 'int64' && Array.isArray(s.type) && s.type.includes('integer') && s.type.includes('string');

/** The example with every widened int64 value in the other form (number <-> string of digits); counts them. */
function flip(value: any, schema: any, count: { n: number }): any {
  const s = deref(schema);
  if (!s) return value;
  if (widened(s)) {
    if (typeof value === 'number' && Number.isInteger(value)) return count.n++, String(value);
    if (typeof value === 'string' && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))) return count.n++, Number(value);
    return value;
  }
  if (Array.isArray(value)) {
    const items = s.items ?? [...(s.oneOf ?? []), ...(s.anyOf ?? [])].map(deref).find((x: any) => x?.items)?.items;
    return value.map((v) => flip(v, items, count));
  }
  if (value && typeof value === 'object') {
    const props = propertiesOf(s);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, flip(v, props[k], count)]));
  }
  return value;
}

const cases = specOperations().flatMap(({ method, path, op }) => {
  const media = deref(op.requestBody)?.content?.['application/json'];
  if (!media?.example || method !== 'post') return [];
  const count = { n: 0 };
  const body = flip(media.example, media.schema, count);
  return count.n ? [{ path, body, n: count.n }] : [];
});

describe('contract: int64 request fields take either form', () => {
  it('finds request examples with int64 fields', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it('the bundled spec keeps response int64 fields as documented', () => {
    const ok = deref(deref(specOperations().find((o) => o.path === '/v3/product/list')!.op.responses['200']).content['application/json'].schema);
    const item = deref(deref(ok.properties.result).properties.items.items);
    expect(deref(item.properties.product_id)).toMatchObject({ type: 'integer', format: 'int64' });
  });

  for (const { path, body, n } of cases) {
    it(`${path} (${n} field${n > 1 ? 's' : ''} in the other form)`, async () => {
      const { error, response } = await (client() as any).POST(path, { body, parseAs: 'text' });
      // Prism names what it rejected in the sl-violations header.
      expect(response.status, `mock answered ${response.status}: ${response.headers.get('sl-violations') ?? error}`).toBeLessThan(300);
    });
  }
});
