#!/usr/bin/env node
// The editor figure of `npm run bench -- type-check`: what an editor pays to show the first
// squiggles of a file, through TypeScript's language service (the engine behind VS Code's
// tsserver): create the service for the project's tsconfig, then ask for the file's semantic
// diagnostics. The first ask builds the program (parse and bind of every file the project
// reaches, with JSDoc parsed as an editor does, for hovers) and checks the file.
//   node scripts/bench-editor.js <project dir> <file>   prints JSON: { ms, cpuMs, programMs, checkMs, errors }
// Run in a fresh process per measurement, so nothing is cached or compiled ahead.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './lib.js';

/** Times the first semantic check of `file` in a child process; returns its JSON. */
export function timedEditorCheck(dir, file) {
  const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), dir, file], { encoding: 'utf8', timeout: 300_000 });
  if (res.status !== 0) throw new Error(`bench-editor failed: ${(res.stderr || res.error?.message || '').trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(res.stdout);
}

async function main([dir, name]) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  // Loading TypeScript is part of what an editor has done before the first check: not timed.
  const { default: ts } = await import(join(root, 'node_modules/typescript/lib/typescript.js'));
  const file = join(dir, name);
  const cfg = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const service = ts.createLanguageService(
    {
      getScriptFileNames: () => cfg.fileNames,
      getScriptVersion: () => '1',
      getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(readFileSync(f, 'utf8')) : undefined),
      getCurrentDirectory: () => dir,
      getCompilationSettings: () => cfg.options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
    },
    ts.createDocumentRegistry(),
  );
  const t1 = process.hrtime.bigint();
  const c1 = process.cpuUsage();
  service.getProgram();
  const t2 = process.hrtime.bigint();
  const diagnostics = service.getSemanticDiagnostics(file);
  const t3 = process.hrtime.bigint();
  const c3 = process.cpuUsage(c1);
  const ms = (a, b) => Number(b - a) / 1e6;
  console.log(
    JSON.stringify({
      ms: ms(t1, t3),
      cpuMs: (c3.user + c3.system) / 1000,
      programMs: ms(t1, t2),
      checkMs: ms(t2, t3),
      setupMs: ms(t0, t1),
      setupCpuMs: (c1.user + c1.system - c0.user - c0.system) / 1000,
      errors: diagnostics.length,
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
