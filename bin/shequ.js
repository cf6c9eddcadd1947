#!/usr/bin/env node
// The `shequ` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(entry)) {
  console.error('shequ: 未找到编译产物 dist/cli/main.js，请先运行 npm run build（The CLI is not built: run npm run build）');
  process.exit(1);
}
await import(entry);
