import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parsePromises } from './promises';
import { renderHtml, renderMarkdown } from './render';
import { buildReport, type ComplianceReport, summaryLine } from './report';
import { readRun, resultFilesIn, runNameOf } from './results';
import { modulesCiting, sourceFiles } from './sources';

export const OUTPUTS = ['report.json', 'report.md', 'report.html'] as const;

export interface GenerateOptions {
  /** The repository root: results files, sources and `compliance/` are found from here. */
  root: string;
  /** Results files to read; default: `.vitest-results.<run>.json` in the root (else `.vitest-results.json`). */
  resultFiles?: string[];
  now?: Date;
  commit?: string | null;
}

export interface GenerateResult {
  /** Null when there were no test results: nothing is written, and an old report is removed. */
  report: ComplianceReport | null;
  /** What to print, the summary line last. */
  lines: string[];
  /** Non-zero when a test names a promise the notice does not have, or there were no results to report on. */
  exitCode: number;
}

/** Reads the runs' results and PROMISES.md, writes `compliance/report.{json,md,html}`. */
export function generate(options: GenerateOptions): GenerateResult {
  const { root } = options;
  const outDir = path.join(root, 'compliance');
  const promises = parsePromises(readFileSync(path.join(outDir, 'PROMISES.md'), 'utf8'));
  const files = options.resultFiles ?? resultFilesIn(readdirSync(root)).map((f) => path.join(root, f));
  if (files.length === 0) {
    // An old report would speak for a build it was not made from.
    for (const output of OUTPUTS) rmSync(path.join(outDir, output), { force: true });
    const none = buildReport({ promises, runs: [], generatedAt: options.now ?? new Date() });
    return { report: null, lines: ['compliance: no test results (.vitest-results*.json): run the tests with CI=true first.', summaryLine(none)], exitCode: 1 };
  }
  const runs = files.map((file) => readRun(runNameOf(file), JSON.parse(readFileSync(file, 'utf8')), root));
  const known = new Set(promises.map((p) => p.id));
  const report = buildReport({
    promises,
    runs,
    citations: modulesCiting(root, sourceFiles(root), known),
    generatedAt: options.now ?? new Date(),
    commit: options.commit,
  });
  writeFileSync(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'report.md'), renderMarkdown(report));
  writeFileSync(path.join(outDir, 'report.html'), renderHtml(report));
  const lines = [`compliance: read ${runs.map((r) => r.name).join(', ')}; wrote compliance/report.md, report.html and report.json.`];
  for (const u of report.unknownTags) lines.push(`compliance: ${u.file} › "${u.name}" names ${u.id}, which the notice does not have.`);
  lines.push(summaryLine(report));
  return { report, lines, exitCode: report.unknownTags.length > 0 ? 1 : 0 };
}
