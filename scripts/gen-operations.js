// generated/operations.ts: runtime tables of every operation's x- extensions, so the client
// layer (retries, rate limits, pagination, polling, deprecation warnings) reads the spec, not
// hand-typed lists. Checks that x-pagination's dotted paths exist in the schemas.
import { deref, operationsOf } from './lib.js';

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

/**
 * One operation as a line of the packed table: method (empty for POST), path, flags (`i`
 * idempotent, `r` report, `d` deprecated) and, only when it has any, the other fields as JSON,
 * separated by spaces. Most operations are a POST with at most one flag: a path and a letter.
 */
function packed(e) {
  const { method, path, idempotent, report, deprecated, ...rest } = e;
  const flags = `${idempotent ? 'i' : ''}${report ? 'r' : ''}${deprecated ? 'd' : ''}`;
  const json = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  return `${method === 'POST' ? '' : method} ${path} ${flags}${json}`;
}

export function operationsTable(spec) {
  const entries = [];
  for (const { method, path, op } of operationsOf(spec)) {
    const key = `${method.toUpperCase()} ${path}`;
    const entry = { method: method.toUpperCase(), path };
    if (op['x-idempotent']) entry.idempotent = true;
    if (op['x-report']) entry.report = true;
    if (op.deprecated) entry.deprecated = true;
    if (op['x-replaced-by']) entry.replacedBy = op['x-replaced-by'];
    if (op['x-sunset']) entry.sunset = op['x-sunset'];
    if (op['x-rate-limit']) entry.rateLimit = op['x-rate-limit'];
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
    const paths = entries.filter(([, e]) => pred(e)).map(([, e]) => JSON.stringify(e.path));
    return paths.length ? [...new Set(paths)].join(' | ') : 'never';
  };
  const pagedTypes = entries
    .filter(([, e]) => e.method === 'POST' && e.pagination)
    .map(([, e]) => `  ${JSON.stringify(e.path)}: { items: ${JSON.stringify(e.pagination.items)}; cursor: ${JSON.stringify(e.pagination.request.cursor)} };`);
  const lines = entries.map(([, e]) => packed(e)).join('\n');
  return `export interface RateLimit {
  readonly requests: number;
  readonly per: 'second' | 'minute' | 'hour' | 'day';
}

export interface Pagination {
  readonly style: 'last_id' | 'offset' | 'page' | 'cursor';
  readonly items: string;
  readonly request: { readonly cursor: string; readonly limit?: string };
  readonly response?: { readonly cursor?: string; readonly itemCursor?: string; readonly hasNext?: string; readonly total?: string; readonly pageCount?: string };
  /** Page style: the number of the first page (0 or 1), from the page field's default or minimum. */
  readonly firstPage?: number;
  /** Offset style: the offset field is an int64 sent as a JSON string ("0", "50", ...). */
  readonly offsetAsString?: boolean;
  /** last_id and cursor styles: what the first page sends when the cursor field is required. */
  readonly firstCursor?: string | number;
}

export interface OperationInfo {
  readonly method: string;
  readonly path: string;
  readonly idempotent?: boolean;
  readonly report?: boolean;
  readonly deprecated?: boolean;
  readonly replacedBy?: string;
  /** Deprecated operations: the date (YYYY-MM-DD) Ozon switches the method off (x-sunset). */
  readonly sunset?: string;
  readonly rateLimit?: RateLimit;
  readonly pagination?: Pagination;
}

/** "METHOD /path" of every operation of the spec. */
export type OperationKey =
${entries.map(([k]) => `  | ${JSON.stringify(k)}`).join('\n')};

/** POST paths that return one page of a longer list (x-pagination). */
export type PaginatedPath = ${union((e) => e.method === 'POST' && e.pagination)};

/** POST paths that create a report polled with /v1/report/info (x-report). */
export type ReportPath = ${union((e) => e.method === 'POST' && e.report)};

/** Type level only: the paths of each HTTP method, as literal unions (cheaper for the type checker than a mapped type over \`paths\`). */
export interface MethodPaths {
${[...new Set(entries.map(([, e]) => e.method))].sort().map((m) => `  ${m.toLowerCase()}: ${union((e) => e.method === m)};`).join('\n')}
}

/** Type level only: where each paginated POST path has its items (in the 200 body) and its cursor (in the request). */
export interface PaginationPaths {
${pagedTypes.join('\n')}
}

// One line per operation: method (empty for POST), path, flags (i idempotent, r report, d deprecated)
// and the other fields as JSON when there are any, separated by spaces. Only what differs from a
// plain POST is written, so the table stays small as the spec grows.
const PACKED = \`${lines.replace(/[\\`]|\$\{/g, (c) => `\\${c}`)}\`;

function unpack(text: string): Record<string, OperationInfo> {
  const table: Record<string, OperationInfo> = {};
  for (const line of text.split('\\n')) {
    const [, m, path = '', flags = '', json] = /^(\\S*) (\\S+) (\\S*) ?(.*)$/.exec(line) ?? [];
    const method = m || 'POST';
    const info: { -readonly [K in keyof OperationInfo]: OperationInfo[K] } = { method, path };
    if (flags.includes('i')) info.idempotent = true;
    if (flags.includes('r')) info.report = true;
    if (flags.includes('d')) info.deprecated = true;
    table[\`\${method} \${path}\`] = json ? Object.assign(info, JSON.parse(json)) : info;
  }
  return table;
}

/** Every operation of the spec, keyed by "METHOD /path", with what the client layer needs. */
export const operations = unpack(PACKED) as { readonly [K in OperationKey]: OperationInfo };

/** Looks up an operation by HTTP method and schema path. */
export function operationInfo(method: string, path: string): OperationInfo | undefined {
  return (operations as Record<string, OperationInfo>)[\`\${method.toUpperCase()} \${path}\`];
}
`;
}
