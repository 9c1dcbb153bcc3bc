#!/usr/bin/env node
// npm run docs: a static HTML reference of the bundled spec (generated/openapi.json), built by
// Redocly (`redocly build-docs`) into reference/index.html (git-ignored). Redoc's script is
// inlined, so the page works offline, from file://.
//   npm run docs [-- --out reference/index.html]
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { redocly, root } from './lib.js';

export const DEFAULT_OUT = join(root, 'reference/index.html');

/** Builds the page; returns its absolute path. */
export function buildDocs(out = DEFAULT_OUT) {
  const file = isAbsolute(out) ? out : join(root, out);
  mkdirSync(dirname(file), { recursive: true });
  redocly(['build-docs', 'generated/openapi.json', '--output', file, '--inlineBundle', '--title', 'Ozon Seller API reference']);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--out');
  const file = buildDocs(i > 0 ? process.argv[i + 1] : undefined);
  console.log(`API reference: ${relative(process.cwd(), file) || file}`);
}
