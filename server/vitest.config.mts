import swc from 'unplugin-swc';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// TypeORM and TypeGraphQL need decorator metadata, which esbuild does not emit: compile with SWC.
export default defineConfig({
  plugins: [
    swc.vite({ jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } }),
  ],
  resolve: {
    alias: [
      { find: '@rekisteri/schema', replacement: new URL('../schema/src/index.ts', import.meta.url).pathname },
      // One graphql for all: the CommonJS build that type-graphql and Apollo load (graphql 16 has no "exports").
      { find: /^graphql$/, replacement: require.resolve('graphql') },
    ],
  },
  test: {
    name: 'server',
    root: new URL('.', import.meta.url).pathname,
    include: ['src/**/*.test.ts'],
    // One migrated, seeded database per run, copied by each test file (src/test/database.ts).
    globalSetup: ['./src/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files run one after another in a few long-lived processes, which import the server (TypeORM,
    // TypeGraphQL, Apollo, PGlite) once instead of once per file: half the time of the server tests.
    // Each file still has its own database and server; a file that changes module state (observeGate)
    // puts it back in afterAll.
    isolate: false,
    // East of UTC, as the company's own servers may be: a calendar date read as an instant drifts a day here.
    env: { TZ: 'Europe/Helsinki' },
  },
});
