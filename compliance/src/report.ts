import { citedPromises, type NoticePromise } from './promises';
import type { Outcome, TestRun } from './results';
import { moduleOf } from './sources';

/** PROVEN: a test names it and every such test passed. FAILING: one failed in some run. NOT_PROVEN: no test names it. */
export type PromiseStatus = 'PROVEN' | 'NOT_PROVEN' | 'FAILING';

export interface ProofTest {
  file: string;
  name: string;
  /** Failed if it failed in any run; passed if it passed in one and failed in none. */
  outcome: Outcome;
  runs: Array<{ run: string; outcome: Outcome }>;
}

export interface PromiseProof extends NoticePromise {
  status: PromiseStatus;
  tests: ProofTest[];
  /** The modules that enforce it: those whose tests prove it, and those whose code cites it in a comment. */
  modules: string[];
}

/** A test that names a promise the notice does not have (`[P19]`, `[P0]`): a typo, or a claim nobody made. */
export interface UnknownTag {
  id: string;
  file: string;
  name: string;
}

/** The file the server reads (`compliance/report.json`) and the page shows. */
export interface ComplianceReport {
  generatedAt: string;
  commit: string | null;
  runs: Array<{ name: string; startedAt: string | null; passed: number; failed: number }>;
  summary: { proven: number; notProven: number; failing: number };
  promises: PromiseProof[];
  unknownTags: UnknownTag[];
}

export interface ReportInput {
  promises: readonly NoticePromise[];
  runs: readonly TestRun[];
  /** Modules whose code cites each promise (`// P10: …`), from the source scan. */
  citations?: ReadonlyMap<string, ReadonlySet<string>>;
  generatedAt: Date;
  commit?: string | null;
}

const key = (file: string, name: string) => `${file}\u0000${name}`;

/** Failed beats passed beats skipped: one failing run fails the test. */
function worst(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.includes('FAILED')) return 'FAILED';
  return outcomes.includes('PASSED') ? 'PASSED' : 'SKIPPED';
}

/** Every test of every run, once, with its outcome in each run (a test in a file that broke in a run failed there). */
function combine(runs: readonly TestRun[]): ProofTest[] {
  const tests = new Map<string, { file: string; name: string; runs: Map<string, Outcome[]> }>();
  for (const run of runs) {
    for (const t of run.tests) {
      const k = key(t.file, t.name);
      const entry = tests.get(k) ?? { file: t.file, name: t.name, runs: new Map() };
      tests.set(k, entry);
      entry.runs.set(run.name, [...(entry.runs.get(run.name) ?? []), t.outcome]);
    }
  }
  return [...tests.values()].map((t) => {
    const perRun = runs
      .map((run) => {
        const seen = t.runs.get(run.name);
        if (run.brokenFiles.includes(t.file)) return { run: run.name, outcome: 'FAILED' as const };
        return seen ? { run: run.name, outcome: worst(seen) } : null;
      })
      .filter((r) => r !== null);
    return { file: t.file, name: t.name, outcome: worst(perRun.map((r) => r.outcome)), runs: perRun };
  });
}

function statusOf(tests: readonly ProofTest[]): PromiseStatus {
  if (tests.some((t) => t.outcome === 'FAILED')) return 'FAILING';
  return tests.some((t) => t.outcome === 'PASSED') ? 'PROVEN' : 'NOT_PROVEN';
}

const byFileAndName = (a: { file: string; name: string }, b: { file: string; name: string }) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name);

/** For each promise of the notice: its tests with pass or fail over every run, the modules that enforce it, and its status. */
export function buildReport(input: ReportInput): ComplianceReport {
  const known = new Set(input.promises.map((p) => p.id));
  const tests = combine(input.runs).sort(byFileAndName);
  const unknownTags: UnknownTag[] = [];
  const proving = new Map<string, ProofTest[]>();
  for (const test of tests) {
    for (const id of citedPromises(test.name)) {
      if (!known.has(id)) unknownTags.push({ id, file: test.file, name: test.name });
      else proving.set(id, [...(proving.get(id) ?? []), test]);
    }
  }
  const promises = input.promises.map((p): PromiseProof => {
    const own = proving.get(p.id) ?? [];
    const modules = new Set([...own.map((t) => moduleOf(t.file)).filter((m) => m !== null), ...(input.citations?.get(p.id) ?? [])]);
    return { ...p, status: statusOf(own), tests: own, modules: [...modules].sort() };
  });
  const count = (status: PromiseStatus) => promises.filter((p) => p.status === status).length;
  return {
    generatedAt: input.generatedAt.toISOString(),
    commit: input.commit ?? null,
    runs: input.runs.map((run) => {
      const outcomes = combine([run]);
      return {
        name: run.name,
        startedAt: run.startedAt,
        passed: outcomes.filter((t) => t.outcome === 'PASSED').length,
        // A file that broke before reporting any test counts once, as CI counts it.
        failed: outcomes.filter((t) => t.outcome === 'FAILED').length + run.brokenFiles.filter((f) => !run.tests.some((t) => t.file === f)).length,
      };
    }),
    summary: { proven: count('PROVEN'), notProven: count('NOT_PROVEN'), failing: count('FAILING') },
    promises,
    unknownTags,
  };
}

/** The line CI prints before its totals. */
export function summaryLine(report: ComplianceReport): string {
  const { proven, notProven, failing } = report.summary;
  return `promises: ${proven} proven, ${notProven} not proven, ${failing} failing`;
}
