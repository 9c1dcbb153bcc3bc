// The runtime part of generated/operations.ts: every operation's table entry, packed into one
// string that a small decoder (`unpack`, in src/operation-info.ts) expands when the module loads.
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
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { root } from './lib.js';

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

/** `text` as the body of a JavaScript template literal (backslashes, backquotes and `${` escaped). */
export const templateBody = (text) => text.replace(/[\\`]|\$\{/g, (c) => `\\${c}`);

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


/**
 * Runs a generated operations module (TypeScript source) and returns its exports.
 * @returns {Record<string, any>}
 */
export function loadOperationsModule(ts) {
  // Bundled, so its import of src/operation-info.ts (types and the decoder) comes with it.
  const { outputFiles } = buildSync({ stdin: { contents: ts, loader: 'ts', resolveDir: join(root, 'generated') }, bundle: true, format: 'cjs', write: false, logLevel: 'silent' });
  const code = outputFiles[0].text;
  const module = { exports: {} };
  new Function('module', 'exports', code)(module, module.exports);
  return module.exports;
}

/**
 * The runtime part of generated/operations.ts: PACKED, `operations` and `operationInfo`.
 * Throws when unpacking does not give back `entries` exactly.
 */
export function runtimeTable(entries) {
  const packed = packOperations(entries);
  const ts = `// The table, packed: one line per operation, only what differs from a plain POST (format:
// scripts/pack-operations.js). unpack() expands it when the module loads.
const PACKED = \`${templateBody(packed)}\`;

/** Every operation of the spec, keyed by "METHOD /path", with what the client layer needs. */
export const operations = unpack(PACKED) as { readonly [K in OperationKey]: OperationInfo };

/** Looks up an operation by HTTP method and schema path. */
export function operationInfo(method: string, path: string): OperationInfo | undefined {
  return (operations as Record<string, OperationInfo>)[\`\${method.toUpperCase()} \${path}\`];
}
`;
  // The generated file imports the decoder at its top (scripts/gen-operations.js); run this part with it.
  const unpacked = loadOperationsModule(`import { unpack } from '../src/operation-info.js';\n${ts}`).operations;
  try {
    deepStrictEqual(unpacked, Object.fromEntries(entries));
  } catch (e) {
    throw new Error(`generated/operations.ts: the packed table does not round-trip (unpack(pack(x)) differs from x); extend scripts/pack-operations.js\n${e.message}`);
  }
  return ts;
}
