/**
 * The compliance report of the running build, as `pnpm compliance` writes it (compliance/report.json):
 * each promise of the privacy notice, the tests that name it with pass or fail, and the modules that enforce it.
 * Plain data, no GraphQL (`compliance.type.ts` gives it its GraphQL shape).
 */

/** PROVEN: a test names it and every such test passed. FAILING: one failed in some run. NOT_PROVEN: no test names it. */
export enum PromiseStatus {
  PROVEN = 'PROVEN',
  NOT_PROVEN = 'NOT_PROVEN',
  FAILING = 'FAILING',
}

export enum TestOutcome {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}

export interface ComplianceTestRun {
  run: string;
  outcome: TestOutcome;
}

export interface ComplianceTest {
  file: string;
  name: string;
  outcome: TestOutcome;
  runs: ComplianceTestRun[];
}

export interface CompliancePromise {
  id: string;
  promise: string;
  requirement: string;
  status: PromiseStatus;
  tests: ComplianceTest[];
  modules: string[];
}

export interface ComplianceRun {
  name: string;
  startedAt: Date | null;
  passed: number;
  failed: number;
}

export interface ComplianceUnknownTag {
  id: string;
  file: string;
  name: string;
}

export interface ComplianceReport {
  generatedAt: Date;
  commit: string | null;
  runs: ComplianceRun[];
  summary: { proven: number; notProven: number; failing: number };
  promises: CompliancePromise[];
  unknownTags: ComplianceUnknownTag[];
}
