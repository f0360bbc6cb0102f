// `pnpm --filter @rekisteri/web size` after a build: the JavaScript the browser loads before the first page shows
// (the entry chunk and every chunk it imports statically, from Vite's manifest), before compression: the part of the
// first load fetched before any code runs. What the browser fetches in all before the sign-in page and each role's
// landing page are usable (the language's texts, the page's chunks) is measured by e2e/tests/assets.e2e.test.ts,
// which holds the build to its budgets (issue 16).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) visit(next);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
let total = 0;
for (const key of seen) {
  const file = manifest[key].file;
  const bytes = fs.statSync(path.join(dist, file)).size;
  total += bytes;
  console.log(`${(bytes / 1000).toFixed(1).padStart(8)} kB  ${file}`);
}
console.log(`${(total / 1000).toFixed(1).padStart(8)} kB  first load (JavaScript, before compression)`);
