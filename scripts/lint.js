#!/usr/bin/env node
// npm run lint: Redocly lint of openapi/ with redocly.yaml. Fails on any error or warning, and
// when a file under openapi/paths/ or openapi/webhooks/ is not referenced from openapi/openapi.yaml.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { redocly, redoclyAsync, root } from './lib.js';

/** Resolves to the list of problems (empty when clean). Async, so generate.js bundles meanwhile. */
export async function lint() {
  const res = await redoclyAsync(['lint', '--format=json'], { allowFail: true });
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
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await lint();
  if (problems.length) {
    // Re-run in the readable format for the code frames.
    process.stdout.write(redocly(['lint'], { allowFail: true }).stdout);
    for (const p of problems.filter((p) => p.ruleId === 'orphan-path-file')) console.error(`error: ${p.message}`);
    console.error(`lint: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log('lint: 0 problems');
}
