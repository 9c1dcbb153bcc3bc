// generated/operations.ts: runtime tables of every operation's x- extensions, so the client
// layer (retries, rate limits, pagination, polling, deprecation warnings) reads the spec, not
// hand-typed lists. Checks that x-pagination's and x-async's dotted paths exist in the schemas,
// and that every x-async names an existing status method.
import { deref, operationsOf } from './lib.js';
import { runtimeTable } from './pack-operations.js';

/** Follows a dotted path through object schemas; returns the schema at its end or undefined. */
function schemaAt(spec, schema, dotted) {
  let s = deref(spec, schema);
  for (const key of dotted.split('.')) {
    const props = s?.properties ?? Object.assign({}, ...(s?.allOf ?? []).map((a) => deref(spec, a)?.properties ?? {}));
    s = deref(spec, props[key]);
    if (!s) return undefined;
  }
  return s;
}

function checkPagination(spec, key, op) {
  const p = op['x-pagination'];
  const req = deref(spec, deref(spec, op.requestBody)?.content?.['application/json']?.schema);
  const res = deref(spec, deref(spec, op.responses?.['200'])?.content?.['application/json']?.schema);
  const fail = (msg) => {
    throw new Error(`${key}: x-pagination ${msg}`);
  };
  const items = schemaAt(spec, res, p.items);
  if (!items) fail(`items path "${p.items}" is not in the 200 schema`);
  if (items.type !== 'array') fail(`items path "${p.items}" is not an array`);
  for (const [k, v] of Object.entries(p.request ?? {})) {
    if (!schemaAt(spec, req, v)) fail(`request.${k} path "${v}" is not in the request schema`);
  }
  for (const [k, v] of Object.entries(p.response ?? {})) {
    if (k === 'itemCursor') {
      if (!schemaAt(spec, items.items, v)) fail(`response.itemCursor path "${v}" is not in the item schema`);
      continue;
    }
    if (!schemaAt(spec, res, v)) fail(`response.${k} path "${v}" is not in the 200 schema`);
  }
}

/** Like schemaAt, but steps into array items on the way (a state per item: `result.items.status`). */
function schemaThrough(spec, schema, dotted) {
  let s = deref(spec, schema);
  for (const key of dotted.split('.')) {
    while (s?.type === 'array') s = deref(spec, s.items);
    s = schemaAt(spec, s, key);
    if (!s) return undefined;
  }
  return s;
}

const jsonOf = (spec, node) => deref(spec, deref(spec, node)?.content?.['application/json']?.schema);

/** Checks an x-async against the spec; returns the table entry's `async`. */
function checkAsync(spec, key, op) {
  const a = op['x-async'];
  const fail = (msg) => {
    throw new Error(`${key}: x-async ${msg}`);
  };
  const [statusMethod, statusPath] = a.status.split(' ');
  const status = spec.paths?.[statusPath]?.[statusMethod.toLowerCase()];
  if (!status) fail(`status method "${a.status}" is not in the spec`);
  if (statusMethod !== 'POST' && statusMethod !== 'GET') fail(`status method "${a.status}" must be POST or GET`);
  const started = jsonOf(spec, op.responses?.['200']);
  if (!started && Object.values(a.request).some((v) => !v.startsWith('$request.'))) fail('needs a JSON 200 answer to read the status request from');
  const statusReq = jsonOf(spec, status.requestBody);
  const query = (status.parameters ?? []).map((p) => deref(spec, p)).filter((p) => p?.in === 'query');
  // The start's request schema, JSON or not (a multipart upload can name a field too).
  const startContent = deref(spec, op.requestBody)?.content ?? {};
  const startReq = deref(spec, (startContent['application/json'] ?? Object.values(startContent)[0])?.schema);
  for (const [field, from] of Object.entries(a.request)) {
    if (from.startsWith('$request.')) {
      if (!schemaAt(spec, startReq, from.slice(9))) fail(`request.${field}: "${from.slice(9)}" is not in the request schema of ${key}`);
    } else if (!schemaAt(spec, started, from)) fail(`request.${field}: "${from}" is not in the 200 schema of ${key}`);
    const there = statusMethod === 'GET' ? query.some((p) => p.name === field) : schemaAt(spec, statusReq, field);
    if (!there) fail(`request.${field}: "${field}" is not in the request of ${a.status}`);
  }
  const stateSchema = schemaThrough(spec, jsonOf(spec, status.responses?.['200']), a.state);
  if (!stateSchema) fail(`state "${a.state}" is not in the 200 schema of ${a.status}`);
  const values = [...a.success, ...(a.failure ?? [])];
  if (Array.isArray(stateSchema.enum)) {
    const unknown = values.filter((v) => !stateSchema.enum.includes(v));
    if (unknown.length) fail(`state values ${JSON.stringify(unknown)} are not in the enum of "${a.state}"`);
  }
  return { status: a.status, request: a.request, state: a.state, success: a.success, failure: a.failure ?? [] };
}

/** The number of the first page: the page field's `default`, else its `minimum`, else 1. */
function firstPage(spec, op) {
  const req = deref(spec, deref(spec, op.requestBody)?.content?.['application/json']?.schema);
  const field = schemaAt(spec, req, op['x-pagination'].request.cursor);
  const first = field?.default ?? field?.minimum ?? 1;
  if (first !== 0 && first !== 1) throw new Error(`${op.operationId}: x-pagination page field starts at ${first}; expected 0 or 1`);
  return first;
}

/** Offset style: whether the offset field is an int64 written as a JSON string. */
function offsetIsString(spec, op) {
  const req = deref(spec, deref(spec, op.requestBody)?.content?.['application/json']?.schema);
  return deref(spec, schemaAt(spec, req, op['x-pagination'].request.cursor))?.type === 'string';
}

/**
 * last_id and cursor styles: the value to send on the first page when the request schema
 * requires the cursor field (an empty string, or 0 for an integer field); undefined otherwise.
 */
function requiredFirstCursor(spec, op) {
  const req = deref(spec, deref(spec, op.requestBody)?.content?.['application/json']?.schema);
  const keys = op['x-pagination'].request.cursor.split('.');
  const last = keys.pop();
  const parent = keys.length ? schemaAt(spec, req, keys.join('.')) : req;
  if (!parent?.required?.includes(last)) return undefined;
  return deref(spec, schemaAt(spec, parent, last))?.type === 'integer' ? 0 : '';
}

export function operationsTable(spec) {
  const entries = [];
  const nonJsonStarts = new Set();
  for (const { method, path, op } of operationsOf(spec)) {
    const key = `${method.toUpperCase()} ${path}`;
    const entry = { method: method.toUpperCase(), path };
    if (op['x-idempotent']) entry.idempotent = true;
    if (op['x-report']) entry.report = true;
    if (op.deprecated) entry.deprecated = true;
    if (op['x-replaced-by']) entry.replacedBy = op['x-replaced-by'];
    if (op['x-sunset']) entry.sunset = op['x-sunset'];
    if (op['x-rate-limit']) entry.rateLimit = op['x-rate-limit'];
    if (op['x-async']) {
      entry.async = checkAsync(spec, key, op);
      // waitForAsync sends JSON: a start with another body (a multipart upload) stays out of AsyncPath.
      if (op.requestBody && !deref(spec, op.requestBody)?.content?.['application/json']) nonJsonStarts.add(key);
    }
    if (op['x-pagination']) {
      checkPagination(spec, key, op);
      entry.pagination = op['x-pagination'];
      if (entry.pagination.style === 'page') entry.pagination = { ...entry.pagination, firstPage: firstPage(spec, op) };
      const first = ['last_id', 'cursor'].includes(entry.pagination.style) ? requiredFirstCursor(spec, op) : undefined;
      if (first !== undefined) entry.pagination = { ...entry.pagination, firstCursor: first };
      if (entry.pagination.style === 'offset' && offsetIsString(spec, op)) entry.pagination = { ...entry.pagination, offsetAsString: true };
    }
    entries.push([key, entry]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const union = (pred) => {
    const paths = entries.filter(([k, e]) => pred(e, k)).map(([, e]) => JSON.stringify(e.path));
    return paths.length ? [...new Set(paths)].join(' | ') : 'never';
  };
  const pagedTypes = entries
    .filter(([, e]) => e.method === 'POST' && e.pagination)
    .map(([, e]) => `  ${JSON.stringify(e.path)}: { items: ${JSON.stringify(e.pagination.items)}; cursor: ${JSON.stringify(e.pagination.request.cursor)} };`);
  return `import { unpack, type OperationInfo } from '../src/operation-info.js';

export type { AsyncWork, OperationInfo, Pagination, RateLimit } from '../src/operation-info.js';

/** "METHOD /path" of every operation of the spec. */
export type OperationKey =
${entries.map(([k]) => `  | ${JSON.stringify(k)}`).join('\n')};

/** POST paths that return one page of a longer list (x-pagination). */
export type PaginatedPath = ${union((e) => e.method === 'POST' && e.pagination)};

/** POST paths that create a report polled with /v1/report/info (x-report). */
export type ReportPath = ${union((e) => e.method === 'POST' && e.report)};

/** POST paths with a JSON body that start work another method reports on (x-async): what waitForAsync takes. */
export type AsyncPath = ${union((e, k) => e.method === 'POST' && e.async && !nonJsonStarts.has(k))};

/** Type level only: the status method ("METHOD /path") of each POST path with x-async. */
export interface AsyncStatus {
${entries.filter(([, e]) => e.method === 'POST' && e.async).map(([, e]) => `  ${JSON.stringify(e.path)}: ${JSON.stringify(e.async.status)};`).join('\n')}
}

/** Type level only: where each paginated POST path has its items (in the 200 body) and its cursor (in the request). */
export interface PaginationPaths {
${pagedTypes.join('\n')}
}

${runtimeTable(entries)}`;
}
