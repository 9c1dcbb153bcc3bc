#!/usr/bin/env node
// ozon-seller-mock: a Prism mock server of the Ozon Seller API spec bundled in this package
// (generated/openapi.json). Prism is an optional peer dependency: install it next to this package.
// Prints the URL once the mock answers; Prism's own log only with --verbose.
import { PRISM_MISSING, startMock } from '../scripts/mock.js';

const HELP = `Usage: ozon-seller-mock [--port 4010] [--host 127.0.0.1] [--verbose]   (--port 0: a free port)

Serves a Prism mock of the Ozon Seller API on http://<host>:<port>, answering each operation
with its documented example after checking the request against the spec. Ctrl-C stops it.
--verbose also prints Prism's log (its start-up, then one line per request).

Needs Prism (@stoplight/prism-cli), which this package does not install for you:
  npm install --save-dev @stoplight/prism-cli@5
`;

function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const value = args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
  if (!value || value.startsWith('--')) fail(`--${name} needs a value`);
  return value;
}

function fail(message) {
  process.stderr.write(`ozon-seller-mock: ${message}\n\n${HELP}`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}
for (const a of args) {
  if (a.startsWith('-') && !/^--(port|host)(=|$)/.test(a) && a !== '--verbose') fail(`unknown option ${a}`);
}
const port = Number(option('port', '4010'));
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`bad --port ${option('port')}`);
const host = option('host', '127.0.0.1');
const verbose = args.includes('--verbose');

// With --verbose, Prism's start-up log is held until the URL is printed, then the log streams.
let held = '';
let started = false;
const onLog = verbose ? (chunk) => (started ? process.stdout.write(chunk) : (held += chunk)) : undefined;

// A signal while Prism starts aborts the start (which stops Prism); after, it stops the mock.
const starting = new AbortController();
let mock;
const shutdown = () => (mock ? mock.stop().then(() => process.exit(0)) : starting.abort());
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
try {
  mock = await startMock({ port, host, onLog, signal: starting.signal });
} catch (e) {
  if (starting.signal.aborted) process.exit(0);
  if (e?.code === 'OZON_PRISM_MISSING') {
    process.stderr.write(`ozon-seller-mock: ${PRISM_MISSING}\n\n${HELP}`);
    process.exit(1);
  }
  process.stderr.write(`ozon-seller-mock: ${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
}
console.log(`Ozon Seller API mock on ${mock.url} (Ctrl-C stops it)`);
if (verbose) {
  started = true;
  process.stdout.write(held);
  held = '';
}
