#!/usr/bin/env node
// ozon-seller-push: sends a push notification to a receiver the way Ozon does (the spec's example
// of the type, with overrides) and says whether Ozon would accept the answer.
import { readFileSync } from 'node:fs';

const HELP = `Usage: ozon-seller-push <url> <message_type> [--field value]... [--file payload.json] [--timeout ms]
       ozon-seller-push <url> --ping
       ozon-seller-push --list

Posts the documented example of <message_type> (TYPE_NEW_POSTING, or new-posting) to <url>,
as Ozon does, then prints the answer and whether Ozon would accept it: status 200, a JSON body
{"result": true} (for TYPE_PING: name, version and time), in under 5 seconds.

  --<field> <value>   set a field of the payload; dotted paths reach nested ones
                      (--posting_number 0112345678-0001-1 --products.0.quantity 2); values are
                      JSON where the field is not a string
  --file <path>       start from this JSON payload instead of the example
  --ping              send the connection check, TYPE_PING
  --timeout <ms>      stop waiting after this long (default 10000)
  --json              print the result as JSON
  --list              list the message types

Exit status: 0 when Ozon would accept the answer, 1 when not, 2 on a usage error.
`;

let push;
try {
  push = await import('../dist/src/push/index.js');
} catch {
  process.stderr.write('ozon-seller-push: the package is not built; run `npm run build` first\n');
  process.exit(2);
}
const { sendPush, pushTypes, pushSchemas } = push;

function fail(message) {
  process.stderr.write(`ozon-seller-push: ${message}\n\n${HELP}`);
  process.exit(2);
}

/** The reduced schema at a dotted path of a type's payload, if the spec describes it. */
function schemaAt(type, path) {
  let s = pushSchemas[type];
  for (const key of path.split('.')) s = /^\d+$/.test(key) ? s?.items : s?.properties?.[key];
  return s;
}

/** A command-line value, typed by the field's schema: strings stay strings, the rest is JSON. */
function value(type, path, text) {
  const types = [schemaAt(type, path)?.type ?? []].flat();
  if (types.includes('string')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (args.includes('--list')) {
  process.stdout.write(`${pushTypes.join('\n')}\n`);
  process.exit(0);
}
const positional = [];
const overrides = {};
const flags = { ping: false, json: false, file: undefined, timeout: undefined };
const pending = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--ping' || a === '--json') flags[a.slice(2)] = true;
  else if (a.startsWith('--')) {
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const v = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (!name || v === undefined) fail(`${a} needs a value`);
    if (name === 'file' || name === 'timeout') flags[name] = v;
    else pending.push([name, v]);
  } else positional.push(a);
}
const [url, typeArg] = positional;
if (!url) fail('give the URL of your receiver');
if (positional.length > (flags.ping ? 1 : 2)) fail(`unexpected argument ${positional.at(-1)}`);
try {
  new URL(url);
} catch {
  fail(`not a URL: ${url}`);
}
let type = flags.ping ? 'TYPE_PING' : typeArg;
if (!type && !flags.file) fail('give a message_type (--list shows them) or --ping');
let base = {};
if (flags.file) {
  try {
    base = JSON.parse(readFileSync(flags.file, 'utf8'));
  } catch (e) {
    fail(`cannot read ${flags.file}: ${e instanceof Error ? e.message : e}`);
  }
  if (base === null || typeof base !== 'object' || Array.isArray(base)) fail(`${flags.file} must hold a JSON object`);
  type ??= base.message_type;
}
type = String(type).toUpperCase().replace(/-/g, '_');
if (!type.startsWith('TYPE_')) type = `TYPE_${type}`;
if (!pushTypes.includes(type)) fail(`unknown message_type ${type}; known: ${pushTypes.join(', ')}`);
for (const [name, v] of pending) overrides[name] = value(type, name, v);
const timeoutMs = flags.timeout === undefined ? undefined : Number(flags.timeout);
if (timeoutMs !== undefined && !(timeoutMs > 0)) fail(`bad --timeout ${flags.timeout}`);

const delivery = await sendPush(url, type, overrides, { timeoutMs, from: flags.file ? base : undefined });
if (flags.json) {
  process.stdout.write(`${JSON.stringify(delivery, null, 2)}\n`);
} else {
  const out = [`POST ${url}  ${type}`, JSON.stringify(delivery.payload)];
  for (const p of delivery.payloadProblems) out.push(`  note: the payload breaks the spec: ${p}`);
  out.push(delivery.status ? `-> ${delivery.status} ${delivery.contentType ?? '(no Content-Type)'} in ${Math.round(delivery.elapsedMs)} ms` : `-> no answer after ${Math.round(delivery.elapsedMs)} ms`);
  if (delivery.text) out.push(delivery.text.length > 2000 ? `${delivery.text.slice(0, 2000)}...` : delivery.text);
  if (delivery.accepted) out.push('Ozon would accept this answer.');
  else out.push('Ozon would not accept this answer:', ...delivery.problems.map((p) => `  ${p.code}: ${p.message}`));
  process.stdout.write(`${out.join('\n')}\n`);
}
process.exit(delivery.accepted ? 0 : 1);
