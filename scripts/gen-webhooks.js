// generated/push.ts and generated/push-examples.ts: what the push receiver (src/push/) needs at
// run time, read from the spec's `webhooks`: the known message types, each payload's schema
// reduced to what the receiver checks (types, required fields, enums, int64 numbers), and each
// type's example (for the sender, `ozon-seller-push`). Adding a webhook to openapi/ and running
// `npm run generate` is all it takes for the receiver to know it.
import { deref } from './lib.js';

// Keywords that say nothing the receiver checks at run time. Formats other than int64 (date-time)
// are not checked: Ozon sends empty strings in some date fields.
const IGNORED = new Set(['description', 'title', 'example', 'examples', 'deprecated', 'default', 'readOnly', 'writeOnly', 'externalDocs', 'format']);

/** The JSON body schema and example of a webhook; throws when the entry is not a typed POST. */
function webhookBody(spec, type, item) {
  const op = deref(spec, item)?.post;
  const media = deref(spec, op?.requestBody)?.content?.['application/json'];
  const schema = deref(spec, media?.schema);
  if (!schema) throw new Error(`webhooks.${type}: needs a POST with an application/json request body schema`);
  const kind = deref(spec, schema.properties?.message_type);
  if (!Array.isArray(kind?.enum) || kind.enum.length !== 1 || kind.enum[0] !== type) {
    throw new Error(`webhooks.${type}: message_type must be declared as \`enum: [${type}]\``);
  }
  if (!schema.required?.includes('message_type')) throw new Error(`webhooks.${type}: message_type must be required`);
  if (media.example === undefined) throw new Error(`webhooks.${type}: the request body needs an example`);
  return { schema, example: media.example, deprecated: op.deprecated === true };
}

/** The schema with $refs inlined and only the keywords the receiver's checker understands. */
function reduce(spec, node, where) {
  const s = deref(spec, node);
  const out = {};
  for (const [key, value] of Object.entries(s)) {
    if (IGNORED.has(key) || key.startsWith('x-')) continue;
    if (key === 'type' || key === 'required' || key === 'enum') out[key] = value;
    else if (key === 'items') out.items = reduce(spec, value, `${where}/items`);
    else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reduce(spec, v, `${where}/properties/${k}`)]));
    } else throw new Error(`${where}: \`${key}\` is not checked by the push receiver; extend src/push/validate.ts and scripts/gen-webhooks.js`);
  }
  if (s.format === 'int64') out.int64 = true;
  if (out.type === undefined && out.enum === undefined) throw new Error(`${where}: needs a type`);
  return out;
}

export function webhookFiles(spec, header) {
  const entries = Object.entries(spec.webhooks ?? {}).map(([type, item]) => {
    if (!/^[A-Z][A-Z0-9_]*$/.test(type)) throw new Error(`webhooks.${type}: the key must be the message_type, e.g. TYPE_NEW_POSTING`);
    const body = webhookBody(spec, type, item);
    return { type, ...body, reduced: reduce(spec, body.schema, `webhooks.${type}`) };
  });
  const list = (pick) => entries.map((e) => `  ${JSON.stringify(e.type)}: ${JSON.stringify(pick(e))},`).join('\n');
  const push = `// ${header}
import type { PushSchema } from '../src/push/validate.js';

/** Every push notification type the spec describes (its \`webhooks\`), in the spec's order. */
export const pushTypes = ${JSON.stringify(entries.map((e) => e.type))} as const;

export type PushType = (typeof pushTypes)[number];

/** The payload schema of each type. */
export const pushSchemas: { readonly [T in PushType]: PushSchema } = {
${list((e) => e.reduced)}
};

/** Types Ozon no longer sends (\`deprecated\` in the spec). */
export const deprecatedPushTypes: readonly PushType[] = ${JSON.stringify(entries.filter((e) => e.deprecated).map((e) => e.type))};
`;
  const examples = `// ${header}
import type { PushType } from './push.js';

/** The spec's example payload of each push notification type, as the sender posts it. */
export const pushExamples: { readonly [T in PushType]: { readonly message_type: T; readonly [field: string]: unknown } } = {
${list((e) => e.example)}
};
`;
  return { 'push.ts': push, 'push-examples.ts': examples };
}
