// The examples of the bundled spec against their schemas: what Redocly's rule
// no-invalid-media-type-examples checks (`allowAdditionalProperties: false` in redocly.yaml), in
// one Ajv instance where each component schema is compiled once and shared by $ref. Redocly
// compiles the schema of each example on its own, which cost about 60% of the lint's time.
//
// Same semantics as the rule in @redocly/cli 2.x, which runs a fork of Ajv:
//  - every `example`, else every `examples` entry's `value` ($ref to components/examples
//    followed), of each media type with a schema, under a parameter, request body or response,
//    in operations, webhooks and components; JSON Schema 2020-12, formats checked (ajv-formats);
//  - an object schema with `properties` or `patternProperties` takes no property that nothing
//    evaluates (the fork's `defaultUnevaluatedProperties: false`), except at the top of an `allOf`
//    branch (the other branches may declare it) and anywhere inside a branch of `anyOf` or
//    `oneOf` (or under `not`, `if`, `contains`) up to the next $ref. Spelled here as
//    `unevaluatedProperties: false` where the fork adds it, each component schema in two
//    variants: closed, and open at its top (when called from an `allOf` branch);
//  - `readOnly` properties may not appear in requests nor `writeOnly` ones in responses, and
//    are then not required;
//  - the same messages, and the JSON pointer of the failing value in the bundle.
import Ajv2020, { _ } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { VALID, quickChecker } from './quick-check.js';

const RULE = 'no-invalid-media-type-examples';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const escape = (key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (key) => key.replace(/~1/g, '/').replace(/~0/g, '~');

// The keywords with subschemas: [shape, same instance (not a part of it), composite (Ajv's
// compositeRule: the subschema may fail without failing its parent)].
const APPLICATORS = {
  __proto__: null,
  allOf: ['list', true, false],
  anyOf: ['list', true, true],
  oneOf: ['list', true, true],
  not: ['one', true, true],
  if: ['one', true, true],
  then: ['one', true, false],
  else: ['one', true, false],
  dependentSchemas: ['map', true, false],
  properties: ['map', false, false],
  patternProperties: ['map', false, false],
  additionalProperties: ['one', false, false],
  unevaluatedProperties: ['one', false, false],
  propertyNames: ['one', false, true],
  items: ['one', false, false],
  prefixItems: ['list', false, false],
  contains: ['one', false, true],
  unevaluatedItems: ['one', false, false],
  contentSchema: ['one', false, false],
};
// Keywords that do not change what validates: dropped, so equal schemas compile once.
const ANNOTATIONS = new Set(['title', 'description', 'default', 'deprecated', 'example', 'examples', 'externalDocs', 'xml']);

/** An Ajv instance with the fork's options and its request/response keywords. */
function newAjv() {
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: false,
    inlineRefs: false,
    validateSchema: false,
    discriminator: true,
    allowUnionTypes: true,
    passContext: true,
    logger: false,
    // Ajv's code optimizer costs more than it saves for validators that run once or twice.
    code: { optimize: false },
  });
  addFormats(ajv);
  // `this` is the context each validation is called with: { apiContext: 'request' | 'response' }.
  for (const [keyword, context] of [['readOnly', 'request'], ['writeOnly', 'response']]) {
    ajv.removeKeyword(keyword);
    ajv.addKeyword({
      keyword,
      schemaType: 'boolean',
      error: { message: `must NOT be present in ${context} context` },
      code(cxt) {
        if (cxt.schema === true) cxt.fail(_`(this && this.apiContext) === ${context}`);
      },
    });
  }
  // The required properties that are readOnly or writeOnly: required only in the other context.
  ajv.addKeyword({
    keyword: 'x-required-by-context',
    type: 'object',
    schemaType: 'array',
    errors: true,
    validate: function requiredByContext(list, data) {
      const context = this?.apiContext;
      const missing = list.filter((p) => p.skipIn !== context && data[p.name] === undefined);
      requiredByContext.errors = missing.map((p) => ({ keyword: 'required', message: `must have required property '${p.name}'`, params: { missingProperty: p.name } }));
      return missing.length === 0;
    },
  });
  return ajv;
}

/**
 * The schemas of one spec, prepared (the fork's defaults spelled out) for the quick check and for
 * Ajv: component schemas referenced by `#/...` pointers once per variant, on first use.
 */
function compiler(spec, allowAdditionalProperties, useQuick) {
  const ajv = newAjv();
  const at = pointerIn(spec);
  const added = new Map(); // `${variant}${pointer}` -> id
  const schemas = new Map(); // id -> prepared schema
  let pending = []; // ids not yet given to Ajv: only an example the quick check can't pass needs it
  const roots = new Map(); // JSON of a prepared root schema -> validate function
  const quick = quickChecker(schemas, ajv.formats);

  /** The id of the schema at `pointer`, as called from `allOf` (open) or elsewhere (closed). */
  function refId(pointer, open) {
    const key = `${open ? 'o' : 'c'}${pointer}`;
    let id = added.get(key);
    if (id) return id;
    id = `urn:example-check:${added.size}`;
    added.set(key, id);
    const target = at(pointer);
    if (target === undefined) throw new Error(`can't resolve reference ${pointer}`);
    schemas.set(id, undefined); // a cycle comes back here: the id is taken
    const prepared = isObject(target) ? prepare(target, { root: true, open }) : target;
    schemas.set(id, prepared);
    pending.push(id);
    return id;
  }

  /**
   * A copy of `node` with the fork's defaults spelled out. `allOfVariant`: an item of `allOf`;
   * `composite`: under anyOf, oneOf, not, if, contains or propertyNames in the same compiled
   * function (no $ref between), where the fork adds no default; `open`: at the instance level of a
   * schema called from `allOf`, where the fork skips its default at run time.
   */
  function prepare(node, { allOfVariant = false, composite = false, open = false, root = false } = {}) {
    if (!isObject(node)) return node;
    const out = {};
    for (const k in node) {
      if (ANNOTATIONS.has(k) || k.startsWith('x-') || (root && k === '$id')) continue;
      const v = node[k];
      const applicator = APPLICATORS[k];
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#')) out.$ref = refId(v, allOfVariant);
      else if (!applicator) out[k] = v;
      else {
        const [shape, same, isComposite] = applicator;
        const flags = { allOfVariant: k === 'allOf', composite: composite || isComposite, open: open && same };
        if (shape === 'one') out[k] = prepare(v, flags);
        else if (shape === 'list' && Array.isArray(v)) out[k] = v.map((s) => prepare(s, flags));
        else if (shape === 'map' && isObject(v)) out[k] = mapValues(v, (s) => prepare(s, flags));
        else out[k] = v;
      }
    }
    if (!allowAdditionalProperties && (node.properties || node.patternProperties) && !('unevaluatedProperties' in node) && !allOfVariant && !composite && !open) {
      out.unevaluatedProperties = false;
    }
    if (Array.isArray(node.required) && isObject(node.properties)) {
      const skipIn = (name) => {
        const p = node.properties[name];
        return isObject(p) ? (p.readOnly === true ? 'request' : p.writeOnly === true ? 'response' : undefined) : undefined;
      };
      const byContext = node.required.filter((name) => skipIn(name)).map((name) => ({ name, skipIn: skipIn(name) }));
      if (byContext.length) {
        out.required = node.required.filter((name) => !skipIn(name));
        out['x-required-by-context'] = byContext;
      }
    }
    return out;
  }

  /**
   * The validation of `schema`: `(value, apiContext, instancePath) => errors` (null when valid).
   * The quick check passes almost every example; Ajv decides the others and names the problems.
   */
  return function validator(schema) {
    const prepared = isObject(schema) ? prepare(schema, { root: true }) : schema;
    let validate;
    return (value, apiContext, instancePath) => {
      if (useQuick && quick(prepared, value, apiContext) === VALID) return null;
      if (!validate) {
        for (const id of pending) ajv.addSchema(isObject(schemas.get(id)) ? { ...schemas.get(id), $id: id } : schemas.get(id), id);
        pending = [];
        const key = JSON.stringify(prepared);
        validate = roots.get(key);
        if (!validate) roots.set(key, (validate = ajv.compile(prepared)));
      }
      const ctx = { instancePath, parentData: { fake: {} }, parentDataProperty: 'fake', rootData: {}, dynamicAnchors: {} };
      return validate.call({ apiContext }, value, ctx) ? null : validate.errors;
    };
  };
}

/** Reads a local JSON pointer (`#/a/b`) in `doc`. */
const pointerIn = (doc) => (pointer) =>
  (pointer === '#' ? [] : pointer.slice(2).split('/')).map(unescape).reduce((o, k) => (isObject(o) || Array.isArray(o) ? o[k] : undefined), doc);

function mapValues(obj, f) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]));
}

/** Redocly's wording of an Ajv error, and the pointer of the failing value. */
function describe(error, pointer) {
  let message = error.message;
  const allowed = error.keyword === 'enum' ? error.params.allowedValues : undefined;
  if (allowed) message += ` ${allowed.map((v) => `"${v}"`).join(', ')}`;
  if (error.keyword === 'type') message = `type ${message}`;
  const relative = error.instancePath.substring(pointer.length + 1);
  const prop = relative.substring(relative.lastIndexOf('/') + 1);
  if (prop) message = `\`${prop}\` property ${message}`;
  let at = error.instancePath;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const property = error.params.additionalProperty ?? error.params.unevaluatedProperty;
    message = `${message} \`${property}\``;
    at += `/${escape(property)}`;
  }
  return { message: `Example value must conform to the schema: ${message}.`, pointer: at };
}

/**
 * Every media-type example of the bundled OpenAPI 3.1 `spec` that does not conform to its schema:
 * [{ ruleId, severity, message, where, location: [{ pointer }] }], empty when all conform.
 * `quick: false` gives every example to Ajv (the tests compare the two ways).
 */
export function checkExamples(spec, { allowAdditionalProperties = false, quick = true } = {}) {
  if (!/^3\.1\./.test(spec.openapi ?? '')) throw new Error(`checkExamples reads OpenAPI 3.1, not ${spec.openapi}`);
  const validator = compiler(spec, allowAdditionalProperties, quick);
  const at = pointerIn(spec);
  const problems = [];
  const seen = new Set();

  /** Follows $refs: [node, pointer]. */
  const follow = (node, pointer) => {
    for (let i = 0; isObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#') && i < 32; i++) {
      pointer = node.$ref;
      node = at(pointer);
    }
    return [node, pointer];
  };

  function mediaType(media, pointer, where, apiContext) {
    if (!isObject(media) || media.schema === undefined) return;
    const check = (value, at) => {
      let errors;
      try {
        errors = validator(media.schema)(value, apiContext, at);
      } catch (err) {
        if (err.message === 'discriminator: requires oneOf or anyOf composite keyword') return;
        problems.push({ ruleId: RULE, severity: 'error', where, message: `Example validation errored: ${err.message}.`, location: [{ pointer: `${pointer}/schema` }] });
        return;
      }
      for (const error of errors ?? []) {
        const { message, pointer: failing } = describe(error, at);
        problems.push({ ruleId: RULE, severity: 'error', where, message, location: [{ pointer: failing }] });
      }
    };
    if (media.example !== undefined) check(media.example, `${pointer}/example`);
    else if (isObject(media.examples)) {
      for (const [name, entry] of Object.entries(media.examples)) {
        const [example, at] = follow(entry, `${pointer}/examples/${escape(name)}`);
        if (!isObject(example)) continue;
        if (example.dataValue !== undefined) check(example.dataValue, `${at}/dataValue`);
        else if (example.value !== undefined) check(example.value, `${at}/value`);
      }
    }
  }

  /** The media types of `content`, once per object (a shared component is checked at its first use). */
  function content(node, pointer, where, apiContext) {
    const [resolved, at] = follow(node, pointer);
    if (!isObject(resolved) || seen.has(resolved)) return;
    seen.add(resolved);
    for (const [type, media] of Object.entries(isObject(resolved.content) ? resolved.content : {})) {
      mediaType(media, `${at}/content/${escape(type)}`, `${where} ${type}`, apiContext);
    }
    // A response's headers: their content is under the response too.
    if (apiContext === 'response' && isObject(resolved.headers)) {
      for (const [name, header] of Object.entries(resolved.headers)) content(header, `${at}/headers/${escape(name)}`, `${where} header ${name}`, apiContext);
    }
  }

  function operation(op, pointer, where) {
    if (!isObject(op)) return;
    (Array.isArray(op.parameters) ? op.parameters : []).forEach((p, i) => content(p, `${pointer}/parameters/${i}`, `${where} parameter ${follow(p)[0]?.name ?? i}`, 'request'));
    if (op.requestBody) content(op.requestBody, `${pointer}/requestBody`, `${where} request`, 'request');
    for (const [status, response] of Object.entries(isObject(op.responses) ? op.responses : {})) {
      content(response, `${pointer}/responses/${escape(status)}`, `${where} response ${status}`, 'response');
    }
    for (const [name, callback] of Object.entries(isObject(op.callbacks) ? op.callbacks : {})) {
      const [cb, at] = follow(callback, `${pointer}/callbacks/${escape(name)}`);
      for (const [expr, item] of Object.entries(isObject(cb) ? cb : {})) pathItem(item, `${at}/${escape(expr)}`, (m) => `${where} callback ${name} ${m} ${expr}`);
    }
  }

  function pathItem(item, pointer, label) {
    // label(method): how an operation of this item is named in messages.
    const [resolved, at] = follow(item, pointer);
    if (!isObject(resolved)) return;
    (Array.isArray(resolved.parameters) ? resolved.parameters : []).forEach((p, i) => content(p, `${at}/parameters/${i}`, `${label('')} parameter ${follow(p)[0]?.name ?? i}`.replace(/ +/g, ' ').trim(), 'request'));
    for (const method of METHODS) operation(resolved[method], `${at}/${method}`, label(method.toUpperCase()));
  }

  for (const [path, item] of Object.entries(spec.paths ?? {})) pathItem(item, `#/paths/${escape(path)}`, (m) => `${m} ${path}`);
  for (const [name, item] of Object.entries(spec.webhooks ?? {})) pathItem(item, `#/webhooks/${escape(name)}`, (m) => `webhook ${name} ${m}`);
  // Components no operation uses (the lint reports them as unused too).
  const c = spec.components ?? {};
  for (const [name, p] of Object.entries(c.parameters ?? {})) content(p, `#/components/parameters/${escape(name)}`, `parameter ${name}`, 'request');
  for (const [name, b] of Object.entries(c.requestBodies ?? {})) content(b, `#/components/requestBodies/${escape(name)}`, `request body ${name}`, 'request');
  for (const [name, r] of Object.entries(c.responses ?? {})) content(r, `#/components/responses/${escape(name)}`, `response ${name}`, 'response');
  for (const [name, item] of Object.entries(c.pathItems ?? {})) pathItem(item, `#/components/pathItems/${escape(name)}`, (m) => `path item ${name} ${m}`);
  return problems;
}
