import { defineConfig } from 'vitest/config';

/** `pnpm test`: the permission table (unit), the server against PostgreSQL (integration), the browser (e2e). */
export default defineConfig({
  test: {
    projects: ['schema', 'server', 'e2e'],
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
  },
});
