import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the built server (with embedded PostgreSQL and demo data) serving the built
 * web app, driven through the system Chromium. `pnpm test` builds everything first. The server
 * boots while the server project's tests run; each file waits for it (support/server-ready.ts).
 */
export default defineConfig({
  test: {
    name: 'e2e',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['tests/**/*.e2e.test.ts'],
    globalSetup: ['./global-setup.ts'],
    setupFiles: ['./support/server-ready.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits as long as a Playwright locator does (15 s), not vitest's default second: under CI's load a page
    // can take longer than that to show what it will show.
    expect: { poll: { timeout: 15_000 } },
    // One server with one set of demo data: one file at a time, all in one process, after the
    // other projects' files (which run in parallel, sequence group 0).
    fileParallelism: false,
    isolate: false,
    sequence: { groupOrder: 1 },
  },
});
