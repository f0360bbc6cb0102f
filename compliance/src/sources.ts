import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { citedPromises } from './promises';

/** Where the code of the register lives: the packages whose files enforce and prove the promises. */
export const SOURCE_DIRS = ['server/src', 'schema/src', 'web/src', 'e2e/tests', 'compliance/src'];

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'gql', 'fixtures']);

/** Every `.ts`/`.tsx` file under the source folders, relative to the root, sorted. Generated code and fixtures are not the register's. */
export function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return; // a folder this checkout lacks
    }
    for (const entry of entries) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(relative);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(relative);
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return files.sort();
}

export const isTestFile = (file: string) => /\.test\.tsx?$/.test(file);

/**
 * The module a file belongs to, as the report names it: `server/requests` for
 * `server/src/modules/requests/…`, `schema/permissions`, `web/requests` for a web feature.
 * Null for files that prove but do not enforce (browser tests, the test harness, this report).
 */
export function moduleOf(file: string): string | null {
  const parts = file.split('/');
  const [pkg, src, dir, sub] = parts;
  if (pkg === 'e2e' || pkg === 'compliance' || src !== 'src') return null;
  const inFolder = parts.length > 3;
  if (pkg === 'server') {
    if (dir === 'test') return null;
    if (dir === 'modules' && parts.length > 4) return `server/${sub}`;
    return inFolder ? `server/${dir}` : 'server';
  }
  if (pkg === 'web' && dir === 'features' && parts.length > 4) return `web/${sub}`;
  return inFolder ? `${pkg}/${dir}` : pkg;
}

const COMMENT = /\/\/[^\n]*|\/\*[\s\S]*?\*\//g;
const CITATION = /\bP(\d+)\b/g;

/** The promises cited in a file's comments (`// P10: open invoices hold erasure`), among the known ones. */
export function citationsIn(text: string, known: ReadonlySet<string>): string[] {
  const ids = new Set<string>();
  for (const comment of text.match(COMMENT) ?? []) {
    for (const match of comment.matchAll(CITATION)) if (known.has(`P${match[1]}`)) ids.add(`P${match[1]}`);
  }
  return [...ids];
}

/** For each promise, the modules whose code (not tests) cites it in a comment. */
export function modulesCiting(root: string, files: readonly string[], known: ReadonlySet<string>): Map<string, Set<string>> {
  const byPromise = new Map<string, Set<string>>();
  for (const file of files) {
    if (isTestFile(file)) continue;
    const module = moduleOf(file);
    if (!module) continue;
    for (const id of citationsIn(readFileSync(path.join(root, file), 'utf8'), known)) {
      if (!byPromise.has(id)) byPromise.set(id, new Set());
      byPromise.get(id)?.add(module);
    }
  }
  return byPromise;
}

/** The titles of `describe`, `it` and `test` calls in a test file (the names the report reads), with their line. */
const TITLE = /\b(?:describe|it|test)(?:\.\w+)*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

export function testTitlesIn(text: string): Array<{ title: string; line: number }> {
  return [...text.matchAll(TITLE)].map((m) => ({ title: m[2], line: text.slice(0, m.index).split('\n').length }));
}

/** Each test title in the sources that names a promise the notice does not have, as `file:line names P19: "title"`. */
export function unknownTestTags(root: string, known: ReadonlySet<string>): { unknown: string[]; files: number; cited: number } {
  const files = sourceFiles(root).filter(isTestFile);
  const titles = files.flatMap((file) => testTitlesIn(readFileSync(path.join(root, file), 'utf8')).map((t) => ({ ...t, file })));
  const unknown = titles.flatMap(({ file, line, title }) =>
    citedPromises(title)
      .filter((id) => !known.has(id))
      .map((id) => `${file}:${line} names ${id}: "${title}"`),
  );
  return { unknown, files: files.length, cited: titles.filter((t) => citedPromises(t.title).length > 0).length };
}
