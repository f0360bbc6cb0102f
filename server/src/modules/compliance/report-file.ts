import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { type ComplianceReport, PromiseStatus, TestOutcome } from './compliance.model';

const count = z.number().int().min(0);
const outcome = z.enum(TestOutcome);

/** The file `pnpm compliance` writes; read as input from outside the process, so checked, not trusted. */
const reportSchema = z.object({
  generatedAt: z.iso.datetime().transform((s) => new Date(s)),
  commit: z.string().nullable(),
  runs: z.array(
    z.object({
      name: z.string(),
      startedAt: z.iso
        .datetime()
        .nullable()
        .transform((s) => (s ? new Date(s) : null)),
      passed: count,
      failed: count,
    }),
  ),
  summary: z.object({ proven: count, notProven: count, failing: count }),
  promises: z.array(
    z.object({
      id: z.string(),
      promise: z.string(),
      requirement: z.string(),
      status: z.enum(PromiseStatus),
      tests: z.array(z.object({ file: z.string(), name: z.string(), outcome, runs: z.array(z.object({ run: z.string(), outcome })) })),
      modules: z.array(z.string()),
    }),
  ),
  unknownTags: z.array(z.object({ id: z.string(), file: z.string(), name: z.string() })),
});

/**
 * The compliance report of this build, read from the file written at build or CI time. Read again only when
 * the file changes (a new `pnpm compliance` run is seen without a restart).
 */
export class ComplianceReportFile {
  private cached: { mtimeMs: number; report: ComplianceReport } | null = null;

  constructor(private readonly path: string) {}

  /** Null when this build has no report (no test results). A file that is not a report is an error of the build, not "no results". */
  async read(): Promise<ComplianceReport | null> {
    const info = await stat(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!info) return null;
    if (this.cached?.mtimeMs === info.mtimeMs) return this.cached.report;
    const parsed = reportSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
    if (!parsed.success) throw new Error(`${this.path} is not a compliance report: ${z.prettifyError(parsed.error)}`);
    this.cached = { mtimeMs: info.mtimeMs, report: parsed.data };
    return parsed.data;
  }
}
