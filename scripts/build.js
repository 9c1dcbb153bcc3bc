#!/usr/bin/env node
// npm run build: compiles src/ and generated/operations.ts to dist/, and copies the generated
// declaration file that the compiled declarations import.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, root } from './lib.js';

rmSync(join(root, 'dist'), { recursive: true, force: true });
const res = spawnSync(process.execPath, [binPath('typescript', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (res.status !== 0) process.exit(res.status ?? 1);
mkdirSync(join(root, 'dist/generated'), { recursive: true });
copyFileSync(join(root, 'generated/schema.d.ts'), join(root, 'dist/generated/schema.d.ts'));
