#!/usr/bin/env node
// The npm registry reachable from our build machines serves only the Linux builds of packages
// with native binaries (@swc/core-*, @unrs/resolver-binding-*, …), so `npm install` leaves the
// other platforms' optional packages out of package-lock.json, and `npm ci` then refuses the lock
// ("Missing: @swc/core-darwin-arm64@ from lock file") — here and on a newcomer's Mac alike.
// This adds those entries with the version their parent pins and the os/cpu their name states,
// so npm ci skips them on other platforms and installs them where they belong.
// Run after changing dependencies: `npm install && node scripts/lockfile-platforms.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'openbsd', 'netbsd'];
const CPU = { x64: 'x64', arm64: 'arm64', arm: 'arm', ia32: 'ia32', ppc64: 'ppc64', s390x: 's390x', loong64: 'loong64', riscv64: 'riscv64', wasm32: 'wasm32' };

function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = tokens.find((t) => OS.includes(t));
  const cpu = tokens.map((t) => CPU[t]).find(Boolean);
  const libc = tokens.includes('musl') || tokens.includes('musleabihf') ? 'musl' : tokens.includes('gnu') || tokens.includes('gnueabihf') ? 'glibc' : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, pkg] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    if (packages[base] || packages[`node_modules/${dep}`]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os || !cpu) continue; // not a platform build: leave it to npm
    packages[`node_modules/${dep}`] = { version, cpu: [cpu], dev: pkg.dev || undefined, optional: true, os: [os], ...(libc ? { libc: [libc] } : {}) };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile-platforms: added ${added} platform entr${added === 1 ? 'y' : 'ies'}`);
