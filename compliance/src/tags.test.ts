import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePromises } from './promises';
import { citationsIn, moduleOf, testTitlesIn, unknownTestTags } from './sources';

const root = path.resolve(__dirname, '../..');
const known = new Set(parsePromises(readFileSync(path.join(root, 'compliance/PROMISES.md'), 'utf8')).map((p) => p.id));

describe('the tests of the repository', () => {
  it('name only promises the notice has', () => {
    const { unknown, files, cited } = unknownTestTags(root, known);
    expect(unknown).toEqual([]);
    // Not vacuous: it read the suite, and the suite cites promises.
    expect(files).toBeGreaterThan(10);
    expect(cited).toBeGreaterThan(10);
  });

  it('would fail on a test naming a promise the notice does not have', () => {
    const fake = mkdtempSync(path.join(os.tmpdir(), 'compliance-tags-'));
    try {
      mkdirSync(path.join(fake, 'server/src/modules/customers'), { recursive: true });
      const unknownId = `P${known.size + 1}`;
      writeFileSync(
        path.join(fake, 'server/src/modules/customers/customers.test.ts'),
        `describe('customers', () => {\n  it('[P6] keeps the listed fields', () => {});\n  it('[${unknownId}] keeps a promise never made', () => {});\n});\n`,
      );
      expect(unknownTestTags(fake, known)).toEqual({
        unknown: [`server/src/modules/customers/customers.test.ts:3 names ${unknownId}: "[${unknownId}] keeps a promise never made"`],
        files: 1,
        cited: 2,
      });
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });
});

describe('the source scan', () => {
  it('reads the titles of describe, it and test calls, with their line', () => {
    const text = "describe('erasure', () => {\n  it('[P10] holds', () => {});\n  it.each([1])(`x`, () => {});\n  test.skip(\"it's [P4]\", () => {});\n});";
    expect(testTitlesIn(text)).toEqual([
      { title: 'erasure', line: 1 },
      { title: '[P10] holds', line: 2 },
      { title: "it's [P4]", line: 4 },
    ]);
  });

  it('cites the promises named in comments only, among the known ones', () => {
    const text = "// P10: open invoices hold erasure\nconst p = 'P12';\n/** The queues (P8, P14) and P99. */";
    expect(citationsIn(text, known).sort()).toEqual(['P10', 'P14', 'P8']);
  });

  it('names the module of a file from its path', () => {
    expect(moduleOf('server/src/modules/requests/erasure.ts')).toBe('server/requests');
    expect(moduleOf('server/src/auth/authorize.ts')).toBe('server/auth');
    expect(moduleOf('server/src/app.ts')).toBe('server');
    expect(moduleOf('server/src/test/factories.ts')).toBeNull();
    expect(moduleOf('schema/src/permissions/ability.test.ts')).toBe('schema/permissions');
    expect(moduleOf('web/src/features/requests/RequestPage.tsx')).toBe('web/requests');
    expect(moduleOf('web/src/app/Layout.tsx')).toBe('web/app');
    expect(moduleOf('e2e/tests/requests.e2e.test.ts')).toBeNull();
  });
});
