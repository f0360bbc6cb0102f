import path from 'node:path';

/** The part of Vitest's JSON report (`--reporter=json`) the compliance report reads. */
export interface VitestJsonReport {
  startTime?: number;
  success?: boolean;
  testResults: Array<{
    /** Absolute path of the test file. */
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string; failureMessages?: string[] | null }>;
  }>;
}

export type Outcome = 'PASSED' | 'FAILED' | 'SKIPPED';

/** One test as one run saw it. */
export interface RunTest {
  /** The test file, relative to the repository root. */
  file: string;
  /** Its describe blocks and title, as Vitest joins them. */
  name: string;
  outcome: Outcome;
}

/** One run of the suite (CI runs it twice: on the embedded PostgreSQL and on the server). */
export interface TestRun {
  name: string;
  startedAt: string | null;
  tests: RunTest[];
  /** Test files that failed without reporting their tests (a file that could not load): every test in them counts as failed in this run. */
  brokenFiles: string[];
}

function outcomeOf(status: string): Outcome {
  if (status === 'passed') return 'PASSED';
  if (status === 'failed') return 'FAILED';
  return 'SKIPPED'; // skipped, pending, todo, disabled: proves nothing
}

/** Test file paths relative to the repository root, with forward slashes, so that the two runs' files match. */
export function relativeFile(root: string, file: string): string {
  const relative = path.isAbsolute(file) ? path.relative(root, file) : file;
  return relative.split(path.sep).join('/');
}

/** Reads one Vitest JSON report as a run. A report that is not one is refused, not read as "no tests". */
export function readRun(name: string, report: unknown, root: string): TestRun {
  if (!isReport(report)) throw new Error(`The ${name} results are not a Vitest JSON report (no testResults).`);
  const tests: RunTest[] = [];
  const brokenFiles: string[] = [];
  for (const file of report.testResults) {
    const relative = relativeFile(root, file.name);
    if (file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed')) brokenFiles.push(relative);
    for (const assertion of file.assertionResults) tests.push({ file: relative, name: assertion.fullName, outcome: outcomeOf(assertion.status) });
  }
  return { name, startedAt: report.startTime ? new Date(report.startTime).toISOString() : null, tests, brokenFiles };
}

function isReport(value: unknown): value is VitestJsonReport {
  const results = (value as VitestJsonReport | null)?.testResults;
  return Array.isArray(results) && results.every((r) => typeof r?.name === 'string' && Array.isArray(r.assertionResults));
}

/** `.vitest-results.embedded.json` is the run `embedded`; `.vitest-results.json` is `default`. */
export function runNameOf(fileName: string): string {
  return /^\.vitest-results\.(.+)\.json$/.exec(path.basename(fileName))?.[1] ?? 'default';
}

/** The results files in the root: the named runs when there are any (CI keeps one per run), else the plain one. */
export function resultFilesIn(names: readonly string[]): string[] {
  const named = names.filter((n) => /^\.vitest-results\..+\.json$/.test(n)).sort();
  if (named.length > 0) return named;
  return names.filter((n) => n === '.vitest-results.json');
}
