import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from './generate';
import { citedPromises, parsePromises } from './promises';
import { renderHtml, renderMarkdown } from './render';
import { buildReport, type ComplianceReport, summaryLine } from './report';
import { readRun, resultFilesIn, runNameOf } from './results';

const FIXTURES = path.join(__dirname, 'fixtures');
const PROMISES_FILE = path.join(__dirname, '../PROMISES.md');
const promises = parsePromises(readFileSync(PROMISES_FILE, 'utf8'));
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
const run = (name: string) => readRun(name, fixture(name), '/repo');
const generatedAt = new Date('2026-01-01T12:00:00Z');

/** The embedded run and the server run of the fixtures, combined. */
const report = (): ComplianceReport => buildReport({ promises, runs: [run('embedded'), run('postgresql')], generatedAt, commit: 'abc123' });
const proof = (r: ComplianceReport, id: string) => r.promises.find((p) => p.id === id)!;

describe('the report of two runs', () => {
  it('proves a promise whose tests passed in both runs, naming the module of each test file and each run', () => {
    const p1 = proof(report(), 'P1');
    expect(p1.status).toBe('PROVEN');
    expect(p1.modules).toEqual(['server/orders']);
    expect(p1.tests).toEqual([
      {
        file: 'server/src/modules/orders/orders.test.ts',
        name: 'orders [P1] keeps a closed order readable',
        outcome: 'PASSED',
        runs: [
          { run: 'embedded', outcome: 'PASSED' },
          { run: 'postgresql', outcome: 'PASSED' },
        ],
      },
    ]);
  });

  it('fails a promise whose test failed in one run, though it passed in the other', () => {
    const r = report();
    const p10 = proof(r, 'P10');
    expect(p10.status).toBe('FAILING');
    expect(p10.tests.map((t) => [t.name, t.outcome])).toEqual([
      ['erasure [P10, P17] anonymises what it may not erase', 'PASSED'],
      ['erasure [P10] holds erasure while an invoice is open', 'FAILED'],
    ]);
    // The test citing two promises proves the second one, which no failing test names.
    expect(proof(r, 'P17').status).toBe('PROVEN');
  });

  it('fails the tests of a file that broke before reporting them in one run', () => {
    const p4 = proof(report(), 'P4');
    expect(p4.status).toBe('FAILING');
    expect(p4.tests[0].runs).toEqual([
      { run: 'embedded', outcome: 'PASSED' },
      { run: 'postgresql', outcome: 'FAILED' },
    ]);
    expect(p4.modules).toEqual(['schema/permissions']);
  });

  it('leaves a promise no test names not proven, and a skipped test proves nothing', () => {
    const r = report();
    expect(proof(r, 'P18')).toMatchObject({ status: 'NOT_PROVEN', tests: [], modules: [] });
    const p5 = proof(r, 'P5');
    expect(p5.status).toBe('NOT_PROVEN');
    expect(p5.tests.map((t) => t.outcome)).toEqual(['SKIPPED']);
  });

  it('counts the promises for the summary line, and each run', () => {
    const r = report();
    expect(r.summary).toEqual({ proven: 2, notProven: 14, failing: 2 });
    expect(summaryLine(r)).toBe('promises: 2 proven, 14 not proven, 2 failing');
    expect(r.runs).toEqual([
      { name: 'embedded', startedAt: '2026-01-01T00:00:00.000Z', passed: 5, failed: 0 },
      { name: 'postgresql', startedAt: '2026-01-01T01:00:00.000Z', passed: 3, failed: 2 },
    ]);
    expect(r.unknownTags).toEqual([]);
  });

  it('adds the modules whose code cites a promise in a comment', () => {
    const citations = new Map([['P18', new Set(['server/notice'])]]);
    const r = buildReport({ promises, runs: [run('embedded')], citations, generatedAt });
    expect(proof(r, 'P18')).toMatchObject({ status: 'NOT_PROVEN', modules: ['server/notice'] });
  });
});

describe('a test naming a promise the notice does not have', () => {
  it('is listed with its file and name, while the promises it names that exist still count', () => {
    const r = buildReport({ promises, runs: [run('unknown-tags')], generatedAt });
    expect(r.unknownTags.map((u) => u.id)).toEqual(['P0', 'P19', 'P19']);
    expect(r.unknownTags[0]).toEqual({ id: 'P0', file: 'server/src/modules/customers/customers.test.ts', name: '[P0] customers stores emails lower-cased' });
    expect(proof(r, 'P6').status).toBe('PROVEN');
    expect(r.promises.map((p) => p.id)).not.toContain('P19');
  });

  it('makes the script exit non-zero, naming the test', () => {
    const root = tempRoot();
    writeFileSync(path.join(root, '.vitest-results.embedded.json'), JSON.stringify(fixture('unknown-tags')).replaceAll('/repo', root));
    const result = generate({ root, now: generatedAt });
    expect(result.exitCode).toBe(1);
    expect(result.lines).toContain(
      'compliance: server/src/modules/customers/customers.test.ts › "customers [P19] keeps a promise the notice never made" names P19, which the notice does not have.',
    );
  });
});

describe('names and files', () => {
  it('reads the promises a test name cites in each way of writing them', () => {
    expect(citedPromises('erasure [P10] holds')).toEqual(['P10']);
    expect(citedPromises('a [P15][P17] b [P15]')).toEqual(['P15', 'P17']);
    expect(citedPromises('[P10, P17] anonymises')).toEqual(['P10', 'P17']);
    expect(citedPromises('no tag [P] [Pten] P10')).toEqual([]);
  });

  it('names a run after its results file, and prefers the named runs to a plain one', () => {
    expect(runNameOf('/x/.vitest-results.postgresql.json')).toBe('postgresql');
    expect(runNameOf('.vitest-results.json')).toBe('default');
    expect(resultFilesIn(['.vitest-results.json', '.vitest-results.postgresql.json', '.vitest-results.embedded.json', 'x.json'])).toEqual([
      '.vitest-results.embedded.json',
      '.vitest-results.postgresql.json',
    ]);
    expect(resultFilesIn(['.vitest-results.json', 'package.json'])).toEqual(['.vitest-results.json']);
  });

  it('refuses a results file that is not a Vitest JSON report', () => {
    expect(() => readRun('embedded', { numTotalTests: 3 }, '/repo')).toThrow(/not a Vitest JSON report/);
  });
});

describe('the written report', () => {
  it('writes markdown, HTML and JSON for the server from the runs in the root', () => {
    const root = tempRoot();
    writeFileSync(path.join(root, '.vitest-results.embedded.json'), JSON.stringify(fixture('embedded')).replaceAll('/repo', root));
    writeFileSync(path.join(root, '.vitest-results.postgresql.json'), JSON.stringify(fixture('postgresql')).replaceAll('/repo', root));
    const result = generate({ root, now: generatedAt, commit: 'abc123' });
    expect(result.exitCode).toBe(0);
    expect(result.lines.at(-1)).toBe('promises: 2 proven, 14 not proven, 2 failing');
    const written = JSON.parse(readFileSync(path.join(root, 'compliance/report.json'), 'utf8')) as ComplianceReport;
    expect(written).toEqual(result.report);
    expect(proof(written, 'P10').tests[1].file).toBe('server/src/modules/requests/erasure.test.ts');
    const markdown = readFileSync(path.join(root, 'compliance/report.md'), 'utf8');
    expect(markdown).toContain('| P18 | NOT PROVEN | 0/0 passed | — |');
    expect(markdown).toContain('| P10 | FAILING | 1/2 passed | server/requests |');
    expect(readFileSync(path.join(root, 'compliance/report.html'), 'utf8')).toContain(
      '<section id="P18"><h2>P18 <span class="badge NOT_PROVEN">NOT PROVEN</span></h2>',
    );
  });

  it('writes nothing without results, removes an old report, and exits non-zero', () => {
    const root = tempRoot();
    writeFileSync(path.join(root, 'compliance/report.json'), '{}');
    const result = generate({ root, now: generatedAt });
    expect(result).toMatchObject({ report: null, exitCode: 1 });
    expect(result.lines.at(-1)).toBe('promises: 0 proven, 18 not proven, 0 failing');
    expect(existsSync(path.join(root, 'compliance/report.json'))).toBe(false);
  });

  it('escapes what it shows in HTML, and keeps markdown table cells whole', () => {
    const r = buildReport({ promises: [{ id: 'P1', promise: '<script>alert(1)</script>', requirement: 'a | b' }], runs: [], generatedAt });
    const html = renderHtml(r);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(renderMarkdown(buildReport({ ...r, promises: r.promises, runs: [], citations: new Map([['P1', new Set(['a|b'])]]), generatedAt }))).toContain(
      '| P1 | NOT PROVEN | 0/0 passed | a\\|b |',
    );
  });
});

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A repository root with only the promises in it. */
function tempRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'compliance-'));
  temps.push(root);
  mkdirSync(path.join(root, 'compliance'));
  writeFileSync(path.join(root, 'compliance/PROMISES.md'), readFileSync(PROMISES_FILE));
  return root;
}
