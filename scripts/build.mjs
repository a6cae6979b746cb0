#!/usr/bin/env node
// Compiles the workspace's TypeScript (apps, libs, scripts; not specs) to dist/ with swc, rewriting
// the @spbe/* path aliases to relative imports. Incremental: a file is recompiled only when its
// source is newer than its output, so `npm start` after the first build starts in about a second.
// Type checking is separate (`npm run typecheck`).
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const { base } = require('./swc-options.js');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { compilerOptions } = require(join(root, 'tsconfig.base.json'));
const quiet = process.argv.includes('--quiet');
const outDir = join(root, 'dist');

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

const options = {
  ...base,
  jsc: { ...base.jsc, baseUrl: root, paths: compilerOptions.paths },
};

function atomicWrite(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

let compiled = 0;
for (const top of ['apps', 'libs', 'scripts']) {
  const dir = join(root, top);
  if (!existsSync(dir)) continue;
  for (const file of sources(dir)) {
    const out = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    if (existsSync(out) && statSync(out).mtimeMs >= statSync(file).mtimeMs) continue;
    const result = swc.transformFileSync(file, { ...options, filename: file, sourceFileName: relative(dirname(out), file) });
    mkdirSync(dirname(out), { recursive: true });
    // Write-then-rename: builds started at once (parallel test files) never see half a file.
    if (result.map) atomicWrite(`${out}.map`, result.map);
    atomicWrite(out, `${result.code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
    compiled++;
  }
}
// Static files (the dashboard's page, script and styles) live in `assets/` folders next to the code
// that serves them; they are copied as they are.
function* assets(dir, inAssets = false) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* assets(full, inAssets || entry.name === 'assets');
    else if (inAssets) yield full;
  }
}
for (const top of ['apps', 'libs']) {
  const dir = join(root, top);
  if (!existsSync(dir)) continue;
  for (const file of assets(dir)) {
    const out = join(outDir, relative(root, file));
    if (existsSync(out) && statSync(out).mtimeMs >= statSync(file).mtimeMs) continue;
    mkdirSync(dirname(out), { recursive: true });
    atomicWrite(out, readFileSync(file));
    compiled++;
  }
}
if (!quiet) console.log(`build: ${compiled} file(s) compiled to dist/`);
