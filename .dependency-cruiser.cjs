/**
 * Import rules for `pnpm lint` (`pnpm lint:imports`). Type-only imports count (tsPreCompilationDeps):
 * `import type` still couples two modules, and a cycle through types is still a cycle to untangle.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not depend on itself through others, type imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'services-never-reach-graphql',
      severity: 'error',
      comment:
        'Services never import GraphQL, not even through another file: outside the GraphQL layer (*.resolver.ts, *.type.ts, ' +
        '*.inputs.ts, src/graphql/, app.ts, and in auth/ the field guard schema transform, the auth checker and the auth resolver) ' +
        'no file may reach graphql, type-graphql, graphql-scalars or src/graphql/, transitively, type imports included. Services, ' +
        'repositories and helpers use the plain enums and interfaces of *.model.ts, which the GraphQL classes implement. ' +
        'main.ts starts app.ts and so reaches it; tests, test helpers and the benchmarks are exempt (they drive the built schema).',
      from: {
        path: '^server/src/',
        pathNot: [
          '[.](resolver|type|inputs)[.]ts$',
          '^server/src/graphql/',
          '^server/src/app[.]ts$',
          '^server/src/main[.]ts$',
          '^server/src/auth/(field-guard|auth-checker|auth[.]resolver)[.]ts$',
          '[.]test[.]tsx?$',
          '^server/src/test/',
          '^server/src/bench/',
        ],
      },
      to: {
        path: ['^server/src/graphql/', '(^|/)node_modules/(graphql|type-graphql|graphql-scalars)/'],
        reachable: true,
      },
    },
  ],
  options: {
    includeOnly: { path: ['^server/src/', '^schema/src/', '^web/src/', '(^|/)node_modules/(graphql|type-graphql|graphql-scalars)/'] },
    exclude: { path: ['^web/src/gql/', '(^|/)dist/'] },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
