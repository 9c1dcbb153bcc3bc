// A fast first look at an example, before Ajv. Compiling a validator costs ~3 ms a schema and
// almost every schema of the spec checks one example only, so check-examples.js first walks the
// example and the prepared schema together here; only an example this walk cannot pass is given
// to Ajv, which alone names the problems. The walk knows a subset of JSON Schema 2020-12, with
// Ajv's semantics; on any other keyword it answers UNSURE, which sends the example to Ajv too.
import equalModule from 'ajv/dist/runtime/equal.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';

// CommonJS modules: Node's import gives `exports`, a bundler's interop may give `exports.default`.
const equal = equalModule.default ?? equalModule;
const ucs2length = ucs2lengthModule.default ?? ucs2lengthModule;

export const VALID = 1;
export const INVALID = 0;
export const UNSURE = -1;

const KNOWN = new Set([
  '$ref', 'type', 'enum', 'const', 'allOf', 'anyOf', 'oneOf', 'not',
  'properties', 'required', 'additionalProperties', 'unevaluatedProperties',
  'items', 'minItems', 'maxItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'format', 'readOnly', 'writeOnly', 'x-required-by-context',
  // Annotations: they validate nothing.
  'contentEncoding', 'contentMediaType', '$comment',
]);
// In a set of evaluated property names: all of them.
const ALL = Symbol('all');

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Ajv's type checks. */
function hasType(data, type) {
  switch (type) {
    case 'string': return typeof data === 'string';
    case 'number': return typeof data === 'number' && Number.isFinite(data);
    case 'integer': return Number.isInteger(data);
    case 'boolean': return typeof data === 'boolean';
    case 'null': return data === null;
    case 'array': return Array.isArray(data);
    case 'object': return isObject(data);
    default: return undefined;
  }
}

/**
 * `check(schema, data)` for one Ajv instance's `formats` and the prepared schemas by $ref id:
 * VALID, INVALID, or UNSURE. `context` is the fork's apiContext ('request' or 'response').
 */
export function quickChecker(schemas, formats) {
  const patterns = new Map();
  const pattern = (p) => {
    let rx = patterns.get(p);
    if (!rx) patterns.set(p, (rx = new RegExp(p, 'u')));
    return rx;
  };

  /**
   * Checks `data` against `schema`. When `evaluated` (a Set) is given and `data` is an object, adds
   * the names of the properties the schema evaluated, as `unevaluatedProperties` counts them
   * (meaningful when the result is VALID).
   */
  function check(schema, data, context, evaluated) {
    if (schema === true) return VALID;
    if (schema === false) return INVALID;
    if (!isObject(schema)) return UNSURE;
    for (const k in schema) if (!KNOWN.has(k)) return UNSURE;
    let result = VALID;
    // All keywords must pass: INVALID wins, then UNSURE.
    const and = (r) => {
      if (r === INVALID) result = INVALID;
      else if (r === UNSURE && result === VALID) result = UNSURE;
      return result !== INVALID;
    };
    const object = isObject(data);
    // Subschemas that apply to the whole value: their evaluated properties count here.
    const track = object && (evaluated !== undefined || schema.unevaluatedProperties !== undefined);
    const own = track ? new Set() : undefined;
    const sub = (s) => {
      const ev = track ? new Set() : undefined;
      const r = check(s, data, context, ev);
      if (r === VALID && ev) for (const k of ev) own.add(k);
      return r;
    };
    if (schema.$ref !== undefined && !and(schemas.has(schema.$ref) ? sub(schemas.get(schema.$ref)) : UNSURE)) return INVALID;
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      const matches = types.map((t) => hasType(data, t));
      if (matches.includes(undefined)) return UNSURE;
      if (!and(matches.includes(true) ? VALID : INVALID)) return INVALID;
    }
    if (schema.enum !== undefined && !and(Array.isArray(schema.enum) ? (schema.enum.some((v) => equal(v, data)) ? VALID : INVALID) : UNSURE)) return INVALID;
    if ('const' in schema && !and(equal(schema.const, data) ? VALID : INVALID)) return INVALID;
    if (schema.readOnly === true && context === 'request') return INVALID;
    if (schema.writeOnly === true && context === 'response') return INVALID;
    if (schema.allOf !== undefined) {
      if (!Array.isArray(schema.allOf)) return UNSURE;
      for (const s of schema.allOf) if (!and(sub(s))) return INVALID;
    }
    if (schema.anyOf !== undefined) {
      if (!Array.isArray(schema.anyOf)) return UNSURE;
      const rs = schema.anyOf.map(sub);
      if (!and(rs.includes(VALID) ? VALID : rs.includes(UNSURE) ? UNSURE : INVALID)) return INVALID;
    }
    if (schema.oneOf !== undefined) {
      if (!Array.isArray(schema.oneOf)) return UNSURE;
      const rs = schema.oneOf.map(sub);
      const valid = rs.filter((r) => r === VALID).length;
      if (!and(valid > 1 ? INVALID : rs.includes(UNSURE) ? UNSURE : valid === 1 ? VALID : INVALID)) return INVALID;
    }
    if (schema.not !== undefined) {
      const r = check(schema.not, data, context);
      if (!and(r === VALID ? INVALID : r === INVALID ? VALID : UNSURE)) return INVALID;
    }
    if (typeof data === 'string') {
      if (schema.minLength !== undefined && !and(ucs2length(data) >= schema.minLength ? VALID : INVALID)) return INVALID;
      if (schema.maxLength !== undefined && !and(ucs2length(data) <= schema.maxLength ? VALID : INVALID)) return INVALID;
      if (schema.pattern !== undefined && !and(pattern(schema.pattern).test(data) ? VALID : INVALID)) return INVALID;
    }
    if (typeof data === 'number') {
      if (schema.minimum !== undefined && !and(data >= schema.minimum ? VALID : INVALID)) return INVALID;
      if (schema.maximum !== undefined && !and(data <= schema.maximum ? VALID : INVALID)) return INVALID;
      if (schema.exclusiveMinimum !== undefined && !and(typeof schema.exclusiveMinimum !== 'number' ? UNSURE : data > schema.exclusiveMinimum ? VALID : INVALID)) return INVALID;
      if (schema.exclusiveMaximum !== undefined && !and(typeof schema.exclusiveMaximum !== 'number' ? UNSURE : data < schema.exclusiveMaximum ? VALID : INVALID)) return INVALID;
    }
    if (schema.format !== undefined && (typeof data === 'string' || typeof data === 'number')) {
      const def = formats[schema.format];
      // Unknown formats pass, as in Ajv without strictSchema.
      if (def !== undefined && def !== true) {
        const plain = def instanceof RegExp || typeof def === 'function';
        const type = plain ? 'string' : (def.type ?? 'string');
        const test = plain ? def : def.validate;
        if (!plain && def.async) return UNSURE;
        if (typeof data === type && !and((test instanceof RegExp ? test.test(data) : test(data)) ? VALID : INVALID)) return INVALID;
      }
    }
    if (Array.isArray(data)) {
      if (schema.minItems !== undefined && !and(data.length >= schema.minItems ? VALID : INVALID)) return INVALID;
      if (schema.maxItems !== undefined && !and(data.length <= schema.maxItems ? VALID : INVALID)) return INVALID;
      if (schema.items !== undefined) for (const item of data) if (!and(check(schema.items, item, context))) return INVALID;
    }
    if (object) {
      if (schema.required !== undefined) {
        if (!Array.isArray(schema.required)) return UNSURE;
        for (const name of schema.required) if (!and(data[name] !== undefined ? VALID : INVALID)) return INVALID;
      }
      for (const { name, skipIn } of schema['x-required-by-context'] ?? []) {
        if (skipIn !== context && !and(data[name] !== undefined ? VALID : INVALID)) return INVALID;
      }
      if (schema.properties !== undefined && !isObject(schema.properties)) return UNSURE;
      const props = schema.properties ?? {};
      const unevaluated = [];
      for (const [key, value] of Object.entries(data)) {
        if (Object.hasOwn(props, key)) {
          own?.add(key);
          if (!and(check(props[key], value, context))) return INVALID;
        } else if (schema.additionalProperties !== undefined) {
          own?.add(key);
          if (!and(check(schema.additionalProperties, value, context))) return INVALID;
        } else unevaluated.push(key);
      }
      if (schema.unevaluatedProperties !== undefined) {
        for (const key of unevaluated) {
          if (own.has(key) || own.has(ALL)) continue;
          if (!and(check(schema.unevaluatedProperties, data[key], context))) return INVALID;
        }
        own.add(ALL);
      }
      if (evaluated) for (const k of own) evaluated.add(k);
    }
    return result;
  }
  return check;
}
