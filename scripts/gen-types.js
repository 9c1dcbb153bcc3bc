// generated/schema.d.ts: openapi-typescript output, with int64 fields that only requests use
// widened to `number | string` (Ozon's gateway parses int64 from either form; DESIGN.md, Numbers),
// without the members that only spell absence and without the bodies' examples (smaller for every
// consumer's compiler and editor; see withoutAbsentMembers and withoutBodyExamples).
import openapiTS, { astToString, NUMBER, STRING } from 'openapi-typescript';
import ts from 'typescript';
import { operationsOf } from './lib.js';

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;

/** Names of the schema components reachable from `node` through $refs. */
function reachable(spec, node, seen = new Set()) {
  const visit = (n) => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const m = typeof n.$ref === 'string' && n.$ref.match(COMPONENT_REF);
    if (m && !seen.has(m[1])) {
      seen.add(m[1]);
      visit(spec.components?.schemas?.[m[1]]);
    }
    for (const [k, v] of Object.entries(n)) if (k !== '$ref' && k !== 'example' && k !== 'examples') visit(v);
  };
  visit(node);
  return seen;
}

/** Schema components used by some request and by no response. */
export function requestOnlyComponents(spec) {
  const inRequests = new Set();
  const inResponses = new Set();
  for (const { op } of operationsOf(spec)) {
    reachable(spec, [op.requestBody, op.parameters], inRequests);
    reachable(spec, op.responses, inResponses);
  }
  return new Set([...inRequests].filter((name) => !inResponses.has(name)));
}

function isInt64(schema) {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return schema.format === 'int64' && (types.includes('integer') || types.includes('string'));
}

/** Whether the schema at a JSON pointer (`#/...`) is part of a request: the types widen its int64s. */
function requestPredicate(spec) {
  const requestOnly = requestOnlyComponents(spec);
  return (path) => {
    // Push payloads are what Ozon sends: typed as documented (the receiver turns int64 strings into numbers).
    if (path.startsWith('#/webhooks/')) return false;
    if (/\/(requestBody|parameters)\//.test(path)) return true;
    const m = path.match(/^#\/components\/schemas\/([^/]+)/);
    return Boolean(m && requestOnly.has(m[1].replace(/~1/g, '/').replace(/~0/g, '~')));
  };
}

const DIGITS = '^-?[0-9]+$';

/**
 * The bundle as the client's types read it: every int64 field the types widen to `number | string`
 * (same predicate) accepts an integer or a string of digits, so the mock and users' tools accept
 * what compiles. Response schemas keep the documented type. Returns a new object.
 */
export function widenRequestInt64(spec) {
  const inRequest = requestPredicate(spec);
  const out = JSON.parse(JSON.stringify(spec)); // a tree: no node shared between two places
  const esc = (k) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');
  const visit = (node, path) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}/${i}`));
    if (!node || typeof node !== 'object') return;
    if (isInt64(node) && inRequest(path)) {
      const types = Array.isArray(node.type) ? node.type : [node.type];
      node.type = [...new Set(['integer', 'string', ...types.filter((t) => t !== 'integer' && t !== 'string')])];
      node.pattern ??= DIGITS;
      // An enum of ids takes each value in both forms too.
      const other = (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v);
      if (Array.isArray(node.enum)) node.enum = [...new Set([...node.enum, ...node.enum.map(other)])];
      if ('const' in node) node.enum = [...new Set([node.const, other(node.const)])], delete node.const;
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'example' && k !== 'examples') visit(v, `${path}/${esc(k)}`);
  };
  visit(out, '#');
  return out;
}

/**
 * Type level only, after openapi-typescript's output: the operation of each path, one interface per
 * HTTP method, and the current and the deprecated paths per method: the client's method types
 * take their path parameters' constraints from these, without computing a union at a call.
 */
export function methodTables(spec) {
  const byMethod = new Map();
  for (const { method, path, op } of operationsOf(spec)) {
    if (!byMethod.has(method)) byMethod.set(method, { ops: [], deprecated: [] });
    byMethod.get(method).ops.push(path);
    if (op.deprecated) byMethod.get(method).deprecated.push(path);
  }
  const methods = [...byMethod.keys()].sort();
  const name = (m) => `${m[0].toUpperCase()}${m.slice(1)}Operations`;
  const union = (xs) => (xs.length ? [...xs].sort().map((x) => JSON.stringify(x)).join(' | ') : 'never');
  const tables = methods.map((m) => {
    const rows = [...byMethod.get(m).ops].sort().map((p) => `    ${JSON.stringify(p)}: paths[${JSON.stringify(p)}][${JSON.stringify(m)}];`);
    return `/** The operation of each path with method ${m.toUpperCase()}. */\nexport interface ${name(m)} {\n${rows.join('\n')}\n}`;
  });
  return `${tables.join('\n')}
/** The operations of each HTTP method, by path. */
export interface OperationsByMethod {
${methods.map((m) => `    ${m}: ${name(m)};`).join('\n')}
}
/** The paths of current (not deprecated) operations, per HTTP method. */
export interface CurrentPathsByMethod {
${methods.map((m) => `    ${m}: ${union(byMethod.get(m).ops.filter((p) => !byMethod.get(m).deprecated.includes(p)))};`).join('\n')}
}
/** The paths of deprecated operations, per HTTP method. */
export interface DeprecatedPathsByMethod {
${methods.map((m) => `    ${m}: ${union(byMethod.get(m).deprecated)};`).join('\n')}
}
`;
}

/**
 * A copy of `spec` without the examples of whole request and answer bodies (media-type `example`
 * and `examples`): openapi-typescript writes them as JSDoc on the `content` key, which no call
 * names or hovers, and they were a quarter of schema.d.ts (parsed by every consumer's compiler and
 * editor). Field examples stay (they show on hover); the bodies' examples are in openapi.json.
 */
export function withoutBodyExamples(spec) {
  const out = structuredClone(spec);
  const strip = (content) => {
    for (const media of Object.values(content ?? {})) delete media.example, delete media.examples;
  };
  const inResponses = (responses) => Object.values(responses ?? {}).forEach((r) => strip(r?.content));
  for (const item of [...Object.values(out.paths ?? {}), ...Object.values(out.webhooks ?? {})]) {
    for (const op of Object.values(item ?? {})) {
      if (!op || typeof op !== 'object') continue;
      strip(op.requestBody?.content);
      inResponses(op.responses);
    }
  }
  Object.values(out.components?.requestBodies ?? {}).forEach((b) => strip(b?.content));
  inResponses(out.components?.responses);
  return out;
}

/** Members openapi-typescript writes as `name?: never` for what an operation or path does not have. */
const ABSENT = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query', 'header', 'path', 'cookie', 'requestBody']);

const nameOf = (m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : undefined);

/** `name?: never` for one of the ABSENT names. */
const isAbsent = (m) => ts.isPropertySignature(m) && m.questionToken && m.type?.kind === ts.SyntaxKind.NeverKeyword && ABSENT.has(nameOf(m));

/** A response's `headers: { [name: string]: unknown }`: says nothing (every response has it). */
const isAnyHeaders = (m) =>
  ts.isPropertySignature(m) &&
  !m.questionToken &&
  nameOf(m) === 'headers' &&
  m.type &&
  ts.isTypeLiteralNode(m.type) &&
  m.type.members.length === 1 &&
  ts.isIndexSignatureDeclaration(m.type.members[0]) &&
  m.type.members[0].type?.kind === ts.SyntaxKind.UnknownKeyword;

/** `parameters: {}` once its absent members are gone. */
const isEmptyParameters = (m) => ts.isPropertySignature(m) && nameOf(m) === 'parameters' && m.type && ts.isTypeLiteralNode(m.type) && m.type.members.length === 0;

/**
 * openapi-typescript's output without what only spells absence: `get?: never` and the other
 * methods a path does not have, `query?: never` (and header, path, cookie) in `parameters`,
 * `parameters` when that leaves it empty, `requestBody?: never`, and every response's
 * `headers: { [name: string]: unknown }`. They were a third of the file's lines, which every
 * consumer's compiler parses and binds. A missing member reads as the `?: never` one did for
 * `keyof`, `extends { post: ... }` and openapi-fetch's own helpers; the client's types treat a
 * missing `parameters` as no parameters (src/client-types.ts).
 */
export function withoutAbsentMembers(nodes) {
  const transformer = (context) => {
    const visit = (node) => {
      node = ts.visitEachChild(node, visit, context);
      const keep = (members) => members.filter((m) => !isAbsent(m) && !isAnyHeaders(m) && !isEmptyParameters(m));
      if (ts.isTypeLiteralNode(node)) {
        const members = keep(node.members);
        return members.length === node.members.length ? node : ts.factory.updateTypeLiteralNode(node, ts.factory.createNodeArray(members));
      }
      if (ts.isInterfaceDeclaration(node)) {
        const members = keep(node.members);
        return members.length === node.members.length ? node : ts.factory.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
      }
      return node;
    };
    return (root) => visit(root);
  };
  const result = ts.transform(nodes, [transformer]);
  const out = result.transformed;
  result.dispose();
  return out;
}

export async function schemaTypes(spec) {
  const inRequest = requestPredicate(spec);
  const ast = await openapiTS(withoutBodyExamples(spec), {
    transform(schema, { path }) {
      if (!isInt64(schema) || !path || !inRequest(path)) return undefined;
      return ts.factory.createUnionTypeNode([NUMBER, STRING]);
    },
  });
  // Tabs for openapi-typescript's four-space indents: 30% of the file's bytes were indentation,
  // which every consumer's compiler and editor scans.
  return `${astToString(withoutAbsentMembers(ast))}${methodTables(spec)}`.replace(/^(?: {4})+/gm, (m) => '\t'.repeat(m.length / 4));
}
