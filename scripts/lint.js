#!/usr/bin/env node
// npm run lint: Redocly lint of openapi/ with redocly.yaml. Fails on any error or warning, on an
// example that does not conform to its schema, and when a file under openapi/paths/ or
// openapi/webhooks/ is not referenced from openapi/openapi.yaml.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkExamples } from './check-examples.js';
import { redocly, redoclyAsync, root } from './lib.js';

// Redocly's rule compiles a schema per example, for most of the lint's time: the CLI skips it and
// check-examples.js runs the same check on the bundle, with `allowAdditionalProperties: false`
// as redocly.yaml configures the rule (a bare `redocly lint` still runs it).
const EXAMPLES_RULE = 'no-invalid-media-type-examples';
const LINT_ARGS = ['lint', '--skip-rule', EXAMPLES_RULE];

/** Bundles openapi/ with the Redocly CLI and parses the result. */
export async function bundle() {
  const dir = mkdtempSync(join(tmpdir(), 'ozon-bundle-'));
  try {
    const out = join(dir, 'openapi.json');
    await redoclyAsync(['bundle', 'openapi/openapi.yaml', '--output', out, '--ext', 'json']);
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Resolves to the list of problems (empty when clean). Async: the CLI's lint runs in its own
 * process while this one bundles (or `bundled`, a promise of the bundle, arrives) and checks the
 * examples.
 */
export async function lint({ bundled = bundle() } = {}) {
  // Settled now: a bundle that fails while the lint runs is reported below, not left unhandled.
  const settled = bundled.then((spec) => ({ spec }), (error) => ({ error }));
  const res = await redoclyAsync([...LINT_ARGS, '--format=json'], { allowFail: true });
  let report;
  try {
    report = JSON.parse(res.stdout);
  } catch {
    throw new Error(`redocly lint gave no report:\n${res.stdout}\n${res.stderr}`);
  }
  const problems = [...report.problems];
  // Orphan path files: written but not wired into the root.
  const rootText = readFileSync(join(root, 'openapi/openapi.yaml'), 'utf8');
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
    );
  const dirs = ['paths', 'webhooks'].map((d) => join(root, 'openapi', d)).filter((d) => existsSync(d));
  for (const file of dirs.flatMap(walk)) {
    const ref = relative(join(root, 'openapi'), file);
    if (!rootText.includes(`$ref: ${ref}`)) {
      problems.push({ ruleId: 'orphan-path-file', severity: 'error', message: `${ref} is not referenced from openapi/openapi.yaml`, location: [] });
    }
  }
  const { spec, error } = await settled;
  if (error) {
    // A spec that does not bundle has problems the lint names better.
    if (problems.length) return problems;
    throw error;
  }
  problems.push(...checkExamples(spec, { allowAdditionalProperties: false }));
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await lint();
  if (problems.length) {
    // Re-run in the readable format for the code frames.
    process.stdout.write(redocly(LINT_ARGS, { allowFail: true }).stdout);
    for (const p of problems.filter((p) => p.ruleId === EXAMPLES_RULE)) console.error(`error: ${p.where}: ${p.message}\n  at ${p.location[0].pointer} in the bundled spec`);
    for (const p of problems.filter((p) => p.ruleId === 'orphan-path-file')) console.error(`error: ${p.message}`);
    console.error(`lint: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log('lint: 0 problems');
}
