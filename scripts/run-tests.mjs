#!/usr/bin/env node
// npm test: every *.test.ts beside the code and under test/, in one node:test run (its summary is the last lines).
// Database tests run on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set. Browser tests need Chromium;
// without it they skip loudly, unless ART28_REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const roots = ['src', 'test', 'scripts'];
const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') {
      walk(full);
    } else if (entry.isFile() && entry.name.endsWith('.test.ts')) {
      files.push(full);
    }
  }
};
for (const root of roots) {
  if (fs.existsSync(root)) {
    walk(root);
  }
}
const filter = process.argv.slice(2);
const selected = filter.length > 0 ? files.filter((f) => filter.some((part) => f.includes(part))) : files;

const needsWeb = selected.some((f) => f.startsWith(path.join('test', 'e2e')));
if (needsWeb) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) {
    process.exit(build.status ?? 1);
  }
}

const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.ART28_TEST_CONCURRENCY ?? 2}`,
    ...selected,
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
