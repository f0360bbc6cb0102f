import { defineConfig } from 'vitest/config';

/** The compliance report's generator (unit), and the check that every test names a promise that exists. */
export default defineConfig({
  test: { name: 'compliance', root: new URL('.', import.meta.url).pathname, include: ['src/**/*.test.ts'] },
});
