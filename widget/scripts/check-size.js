// The size budget, checked by every build: the loader at most 5 KB gzipped, the whole widget (loader, frame
// page, scripts with the SignalR client, styles) at most 60 KB gzipped. Writes the figures to
// docs/benchmarks.json (widget.loader_gz_bytes, widget.total_gz_bytes) and fails the build when over.
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOADER_BUDGET = 5 * 1024;
const TOTAL_BUDGET = 60 * 1024;
const here = dirname(fileURLToPath(import.meta.url));
const wwwroot = join(here, '..', '..', 'api', 'Widget', 'dist');
const benchmarks = join(here, '..', '..', 'docs', 'benchmarks.json');

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});

const loader = gz(join(wwwroot, 'widget.js'));
const frameFiles = files(join(wwwroot, 'widget')).filter((f) => /\.(js|css|html)$/.test(f));
const total = loader + frameFiles.reduce((sum, f) => sum + gz(f), 0);

for (const f of [join(wwwroot, 'widget.js'), ...frameFiles]) {
  console.log(`${relative(wwwroot, f).padEnd(40)} ${String(gz(f)).padStart(7)} B gzipped`);
}

console.log(`loader ${loader} B of ${LOADER_BUDGET}; whole widget ${total} B of ${TOTAL_BUDGET} (gzipped)`);

if (existsSync(benchmarks)) {
  // Rewritten only when a figure changed, so a rebuild of the same widget leaves the file alone.
  const doc = JSON.parse(readFileSync(benchmarks, 'utf8'));
  let changed = false;
  for (const [key, value] of [['widget.loader_gz_bytes', loader], ['widget.total_gz_bytes', total]]) {
    if (!doc[key] || doc[key].value !== value) {
      doc[key] = { value, unit: 'bytes', command: 'cd widget && npm ci && npm run build', date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), machine: 'any (gzip -9 of the built files)' };
      changed = true;
    }
  }

  if (changed) {
    writeFileSync(benchmarks, `${JSON.stringify(doc, null, 2)}\n`);
  }
}

if (loader > LOADER_BUDGET || total > TOTAL_BUDGET) {
  console.error('The widget is over its size budget.');
  process.exit(1);
}
