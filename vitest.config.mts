import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * `pnpm test`: the permission table (unit), the compliance report's generator (unit), the server against PostgreSQL
 * (integration), the browser (e2e).
 */
export default defineConfig({
  test: {
    projects: ['schema', 'compliance', 'server', 'e2e'],
    // One test file per core. (Vitest's default, one less than the cores, runs a file at a time on two.)
    // The browser tests run one file at a time after the others (e2e/vitest.config.ts).
    maxWorkers: os.availableParallelism(),
    // CI keeps each run's results (.ci/run names them per run); `pnpm compliance` reads them into the report.
    reporters: process.env.CI ? ['default', ['json', { outputFile: process.env.VITEST_RESULTS_FILE || '.vitest-results.json' }]] : ['default'],
  },
});
