// Asks TypeScript's language service (the engine behind editors' hover and squiggles) about a
// file of calls; prints what an editor would show, as JSON. Run by test/editor.test.ts in its own
// process, so the minute of type-checking does not block the test worker.
//   node test/editor-probe.mjs <file.ts>   (the file's text comes on stdin; it need not exist)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');
const file = resolve(process.argv[2]);
const source = readFileSync(0, 'utf8');
const cfg = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const read = (f) => (f === file ? source : ts.sys.readFile(f));
const ls = ts.createLanguageService({
  getScriptFileNames: () => [file],
  getScriptVersion: () => '1',
  getScriptSnapshot: (f) => (f === file || ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(read(f)) : undefined),
  getCurrentDirectory: () => root,
  getCompilationSettings: () => cfg.options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: (f) => f === file || ts.sys.fileExists(f),
  readFile: read,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
});
const line = (pos) => source.slice(0, pos).split('\n').length;
const text = (m) => ts.flattenDiagnosticMessageText(m, ' ');
// Hover at every `.POST(` / `.GET(` call.
const hovers = [...source.matchAll(/\.(POST|GET)\(/g)].map((m) => {
  const q = ls.getQuickInfoAtPosition(file, m.index + 1);
  return { line: line(m.index), tags: (q?.tags ?? []).map((t) => ({ name: t.name, text: ts.displayPartsToString(t.text) })) };
});
console.log(
  JSON.stringify({
    deprecated: ls.getSuggestionDiagnostics(file).filter((d) => d.reportsDeprecated).map((d) => ({ line: line(d.start), code: d.code })),
    errors: ls.getSemanticDiagnostics(file).map((d) => ({ line: line(d.start), code: d.code, text: text(d.messageText) })),
    hovers,
  }),
);
