// The runtime part of generated/operations.ts: every operation's table entry, packed into one
// string that a small decoder (`unpack`, below, shipped in the generated file) expands at load.
// The packing writes only what differs from a plain POST, and no key names: the table is about a
// third of its JSON size once gzipped. `runtimeTable` checks that decoding gives back exactly the
// entries, so an entry the packing cannot express fails codegen instead of the client.
//
// One line per operation, sorted by path, fields separated by spaces, empty trailing ones left out:
//   <n><rest of the path> <flags> <pagination> <async> <replacedBy> <sunset> <rateLimit>
// - path: n (a character, code 48 + n) is the number of `/`-separated segments shared with the
//   previous line's path; the rest follows. `/v1/cargoes/delete` after `/v1/cargoes/create` is `3delete`.
// - flags: the method when not POST (`GET`), then i idempotent, r report, d deprecated.
// - pagination, comma-separated: style letter (l last_id, o offset, p page, c cursor) glued to the
//   items path, then request cursor (empty: the style's name), request limit (empty: `limit`, `-`:
//   none), response cursor (`=`: the request cursor), itemCursor, hasNext, total, pageCount, and one
//   extra: page style the first page (0 or 1), offset `s` (offset as a string), last_id and
//   cursor styles the first cursor (`'` for '', `0` for 0).
// - async, comma-separated: status method (the path alone for POST, else METHOD/path), request
//   as `field=from` joined by `&` (`field` alone when from is the same), state, success and failure
//   values joined by `|` (a boolean written `!true` / `!false`).
// - replacedBy: a version number alone when the replacement is this POST path under another
//   version (`3` for /v1/chat/list -> POST /v3/chat/list), else as the async status method.
// - sunset as written (YYYY-MM-DD); rateLimit as `<requests>/<unit letter>`: `20/m`.
import { deepStrictEqual } from 'node:assert/strict';
import { transformSync } from 'esbuild';

const dropTrailing = (fields) => {
  while (fields.length && fields[fields.length - 1] === '') fields.pop();
  return fields;
};

/** "POST /x" -> "/x"; "GET /x" -> "GET/x". */
const packKey = (key) => (key.startsWith('POST /') ? key.slice(5) : key.replace(' /', '/'));
const packState = (v) => (typeof v === 'boolean' ? `!${v}` : String(v));

function packPagination(p) {
  const { request: rq, response: rs = {} } = p;
  const extra = p.style === 'page' ? String(p.firstPage ?? '') : p.offsetAsString ? 's' : p.firstCursor === 0 ? '0' : p.firstCursor === '' ? "'" : '';
  const fields = [
    `${p.style[0]}${p.items}`,
    rq.cursor === p.style ? '' : rq.cursor,
    rq.limit === undefined ? '-' : rq.limit === 'limit' ? '' : rq.limit,
    rs.cursor === undefined ? '' : rs.cursor === rq.cursor ? '=' : rs.cursor,
    rs.itemCursor ?? '',
    rs.hasNext ?? '',
    rs.total ?? '',
    rs.pageCount ?? '',
    extra,
  ];
  return dropTrailing(fields).join(',');
}

function packAsync(a) {
  const request = Object.entries(a.request).map(([field, from]) => (field === from ? field : `${field}=${from}`));
  return dropTrailing([packKey(a.status), request.join('&'), a.state, a.success.map(packState).join('|'), a.failure.map(packState).join('|')]).join(',');
}

function packReplacedBy(path, replacedBy) {
  const version = /^POST \/v(\d+)\//.exec(replacedBy)?.[1];
  return version && `POST ${path.replace(/\d+/, version)}` === replacedBy ? version : packKey(replacedBy);
}

/** The packed lines of `entries` ([key, OperationInfo] pairs), in path order. */
export function packOperations(entries) {
  const sorted = entries.map(([, e]) => e).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  let previous = [];
  return sorted
    .map((e) => {
      const segments = e.path.split('/');
      let shared = 0;
      while (shared < segments.length - 1 && segments[shared] === previous[shared]) shared++;
      previous = segments;
      const fields = dropTrailing([
        `${e.method === 'POST' ? '' : e.method}${e.idempotent ? 'i' : ''}${e.report ? 'r' : ''}${e.deprecated ? 'd' : ''}`,
        e.pagination ? packPagination(e.pagination) : '',
        e.async ? packAsync(e.async) : '',
        e.replacedBy ? packReplacedBy(e.path, e.replacedBy) : '',
        e.sunset ?? '',
        e.rateLimit ? `${e.rateLimit.requests}/${e.rateLimit.per[0]}` : '',
      ]);
      return [String.fromCharCode(48 + shared) + segments.slice(shared).join('/'), ...fields].join(' ');
    })
    .join('\n');
}

// The decoder, as it is written into generated/operations.ts (TypeScript; the interfaces it
// names are declared there).
const UNPACK = `type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The word of \`list\` that starts with the letter \`c\`. */
const byLetter = <T extends string>(list: readonly T[], c: string | undefined): T => list.find((w) => w[0] == c)!;
/** "POST /x" from "/x", "GET /x" from "GET/x". */
const opKey = (s: string) => (s[0] == '/' ? 'POST ' + s : s.replace('/', ' /'));
const states = (s: string | undefined) => (s ? s.split('|').map((v) => (v[0] == '!' ? v == '!true' : v)) : []);

/** Expands the packed table (see scripts/pack-operations.js for the format). */
export function unpack(text: string): Record<string, OperationInfo> {
  const table: Record<string, OperationInfo> = {};
  let segments: string[] = [];
  for (const line of text.split('\\n')) {
    const [head = '', flags = '', pg, as, by, sunset, rate] = line.split(' ');
    segments = [...segments.slice(0, head.charCodeAt(0) - 48), ...head.slice(1).split('/')];
    const path = segments.join('/');
    const method = flags.replace(/[a-z]/g, '') || 'POST';
    const info: Mutable<OperationInfo> = { method, path };
    if (flags.includes('i')) info.idempotent = true;
    if (flags.includes('r')) info.report = true;
    if (flags.includes('d')) info.deprecated = true;
    if (pg) {
      const [items = '', cursor, limit, rc, itemCursor, hasNext, total, pageCount, x] = pg.split(',');
      const style = byLetter(['last_id', 'offset', 'page', 'cursor'] as const, items[0]);
      const request: Mutable<Pagination['request']> = { cursor: cursor || style };
      if (limit != '-') request.limit = limit || 'limit';
      const response = Object.fromEntries(Object.entries({ cursor: rc == '=' ? request.cursor : rc, itemCursor, hasNext, total, pageCount }).filter(([, v]) => v));
      const p: Mutable<Pagination> = { style, items: items.slice(1), request };
      if (Object.keys(response).length) p.response = response;
      if (x) style == 'page' ? (p.firstPage = +x) : style == 'offset' ? (p.offsetAsString = true) : (p.firstCursor = x == '0' ? 0 : '');
      info.pagination = p;
    }
    if (as) {
      const [status = '', request = '', state = '', success, failure] = as.split(',');
      const fields = request.split('&').map((r) => r.split('='));
      info.async = { status: opKey(status), request: Object.fromEntries(fields.map(([f = '', from = f]) => [f, from])), state, success: states(success), failure: states(failure) };
    }
    if (by) info.replacedBy = /^\\d+$/.test(by) ? 'POST ' + path.replace(/\\d+/, by) : opKey(by);
    if (sunset) info.sunset = sunset;
    if (rate) info.rateLimit = { requests: parseInt(rate), per: byLetter(['second', 'minute', 'hour', 'day'] as const, rate.slice(-1)) };
    table[method + ' ' + path] = info;
  }
  return table;
}`;

/**
 * Runs a generated operations module (TypeScript source) and returns its exports.
 * @returns {Record<string, any>}
 */
export function loadOperationsModule(ts) {
  const { code } = transformSync(ts, { loader: 'ts', format: 'cjs' });
  const module = { exports: {} };
  new Function('module', 'exports', code)(module, module.exports);
  return module.exports;
}

/**
 * The runtime part of generated/operations.ts: PACKED, unpack, `operations` and `operationInfo`.
 * Throws when unpacking does not give back `entries` exactly.
 */
export function runtimeTable(entries) {
  const packed = packOperations(entries);
  const ts = `// The table, packed: one line per operation, only what differs from a plain POST (format:
// scripts/pack-operations.js). unpack() expands it when the module loads.
const PACKED = \`${packed.replace(/[\\`]|\$\{/g, (c) => `\\${c}`)}\`;

${UNPACK}

/** Every operation of the spec, keyed by "METHOD /path", with what the client layer needs. */
export const operations = unpack(PACKED) as { readonly [K in OperationKey]: OperationInfo };

/** Looks up an operation by HTTP method and schema path. */
export function operationInfo(method: string, path: string): OperationInfo | undefined {
  return (operations as Record<string, OperationInfo>)[\`\${method.toUpperCase()} \${path}\`];
}
`;
  const unpacked = loadOperationsModule(ts).operations;
  try {
    deepStrictEqual(unpacked, Object.fromEntries(entries));
  } catch (e) {
    throw new Error(`generated/operations.ts: the packed table does not round-trip (unpack(pack(x)) differs from x); extend scripts/pack-operations.js\n${e.message}`);
  }
  return ts;
}
