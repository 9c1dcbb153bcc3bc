// The bundled spec, and a JSON Schema validator over it for response bodies.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const spec = JSON.parse(readFileSync(new URL('../generated/openapi.json', import.meta.url), 'utf8'));

export interface SpecOperation {
  method: string;
  path: string;
  op: any;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export function specOperations(): SpecOperation[] {
  return Object.entries<any>(spec.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
  );
}

export function deref(node: any): any {
  let n = node;
  for (let i = 0; n?.$ref && i < 32; i++) {
    n = n.$ref
      .slice(2)
      .split('/')
      .map((k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((o: any, k: string) => o?.[k], spec);
  }
  return n;
}

const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
// Ozon's own integer formats (uint64 ids, uint32 counts): checked like int64, without a warning each time.
const quietUnknownFormat = { log: console.log, warn: (m: unknown) => (/^unknown format/.test(String(m)) ? undefined : console.warn(m)), error: console.error };
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, logger: quietUnknownFormat });
addFormats(ajv);
ajv.addFormat('uint64', { validate: (v: unknown) => (typeof v === 'string' ? /^\d{1,20}$/.test(v) : Number.isInteger(v) && (v as number) >= 0) }); // ids beyond 2^53 come as strings of digits
ajv.addFormat('uint32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
ajv.addSchema({ ...spec, $id: 'spec' }, 'spec');

const pointer = (parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Validates `value` against the schema at a JSON pointer into the spec; returns the errors. */
export function validateAt(parts: string[], value: unknown): string[] {
  const validate = ajv.getSchema(`spec#/${pointer(parts)}`);
  if (!validate) throw new Error(`no schema at #/${pointer(parts)}`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
