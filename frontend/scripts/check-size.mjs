// The size budget, checked by every build: the JavaScript index.html loads before any route (the entry chunk and
// its static imports, i.e. the modulepreload links) at most 200 KB gzipped, and at least one lazy chunk (routes load
// on demand). Writes the figure to docs/benchmarks.json (dashboard.initial_js_gz_bytes) and fails the build when over.
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET = 200 * 1024;
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', 'api', 'Dashboard', 'dist');
const benchmarks = join(here, '..', '..', 'docs', 'benchmarks.json');

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g)]
  .map((m) => m[1]);
const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
const lazy = all.filter((f) => !initial.includes(f));

let total = 0;
for (const file of initial) {
  const size = gz(join(dist, file));
  total += size;
  console.log(`${file.padEnd(48)} ${String(size).padStart(7)} B gzipped (initial)`);
}
console.log(`initial JavaScript ${total} B of ${BUDGET} (gzipped); ${lazy.length} lazy chunks`);

if (existsSync(benchmarks)) {
  const doc = JSON.parse(readFileSync(benchmarks, 'utf8'));
  const key = 'dashboard.initial_js_gz_bytes';
  if (!doc[key] || doc[key].value !== total) {
    doc[key] = { value: total, unit: 'bytes', command: 'cd frontend && npm ci && npm run build', date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), machine: 'any (gzip -9 of the built files)' };
    writeFileSync(benchmarks, `${JSON.stringify(doc, null, 2)}\n`);
  }
}

if (initial.length === 0 || total > BUDGET) {
  console.error(initial.length === 0 ? 'No entry script found in index.html.' : 'The dashboard is over its initial JavaScript budget.');
  process.exit(1);
}
if (lazy.length === 0) {
  console.error('No lazy chunk: every route but the shell must load on demand.');
  process.exit(1);
}
